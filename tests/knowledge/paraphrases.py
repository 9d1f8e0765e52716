"""For every FAQ, questions an applicant might ask that are NOT among its phrasings.

The search must rank the FAQ in its top 3 for each. A new FAQ needs an entry here:
the test fails for FAQs without one, so coverage cannot silently drop.
"""

PARAPHRASES: dict[str, dict[str, list[str]]] = {
    # programa.yml
    "que_es_impulsa": {
        "es": ["cuéntame qué es impulsa peru", "quisiera información sobre impulsa peru"],
        "en": ["tell me about impulsa peru", "give me some information on the impulsa peru initiative"],
    },
    "objetivo": {
        "es": ["cuál es la finalidad del programa", "con qué propósito se creó impulsa perú"],
        "en": ["what is the purpose of impulsa peru", "what are the objectives of the programme"],
    },
    "quien_ejecuta": {
        "es": ["qué entidad del gobierno maneja impulsa perú", "el programa es del ministerio de trabajo?"],
        "en": ["is impulsa peru run by the labour ministry?", "which government body manages it"],
    },
    "historia": {
        "es": ["cuándo se creó el programa", "antes tenía otro nombre el programa?"],
        "en": ["when was the programme created", "did the programme have another name before?"],
    },
    "componentes": {
        "es": ["qué alternativas me da el programa", "cuántos componentes tiene impulsa perú"],
        "en": ["which components does impulsa peru have", "what benefits can the programme give me"],
    },
    "no_es_asistencia_social": {
        "es": ["me pagan un sueldo por estudiar?", "dan algún bono o subsidio?"],
        "en": ["do participants get a stipend?", "is this a welfare programme that gives money?"],
    },
    "cuantas_personas": {
        "es": ["cuántos beneficiarios ha tenido impulsa perú", "cuánta gente participó en el programa"],
        "en": ["how many participants has the programme had", "number of people served by impulsa peru"],
    },
    "financiamiento": {
        "es": ["con qué presupuesto cuenta el programa", "quién pone la plata del programa"],
        "en": ["how is the programme funded", "how big is the budget"],
    },
    "fondoempleo": {
        "es": ["qué es el fondoempleo", "explícame fondoempleo"],
        "en": ["tell me about fondoempleo", "fondoempleo meaning"],
    },
    "grupos_atendidos": {
        "es": ["salí de prisión, me pueden atender?", "soy pescador artesanal, hay algo para mí?"],
        "en": ["I was in prison, can I join?", "I came back from abroad, can the programme help me?"],
    },
    "mujeres": {
        "es": ["una mujer puede entrar al programa?", "aceptan mujeres?"],
        "en": ["are women accepted?", "can a woman join impulsa peru?"],
    },
    "empresas": {
        "es": ["tengo una empresa y quiero contratar egresados", "cómo recluto personal del programa"],
        "en": ["my company wants to hire graduates", "how can an employer recruit trained staff"],
    },
    # requisitos.yml
    "quien_puede_postular": {
        "es": ["qué condiciones debo cumplir para participar", "soy elegible para impulsa perú?"],
        "en": ["what conditions must I meet to participate", "am I eligible for impulsa peru?"],
    },
    "edad": {
        "es": ["qué edad piden", "hay edad máxima o mínima?"],
        "en": ["what age do you need", "is there a minimum or maximum age?"],
    },
    "menor_de_30": {
        "es": ["tengo 24 años, soy muy joven?", "hay algo para jóvenes menores de treinta?"],
        "en": ["I'm 24, am I too young?", "is there anything for young people under thirty?"],
    },
    "mayor_de_59": {
        "es": ["tengo 65 años, puedo entrar?", "soy adulto mayor, me aceptan?"],
        "en": ["I'm 65, can I join?", "is there something for seniors?"],
    },
    "estudios": {
        "es": ["solo tengo primaria, puedo entrar?", "piden estudios secundarios?"],
        "en": ["I only finished primary school, can I join?", "is a high school diploma required?"],
    },
    "ingresos": {
        "es": ["cuál es el ingreso máximo permitido", "si gano 1800 soles puedo postular?"],
        "en": ["what is the maximum income allowed", "if I earn 1800 soles can I apply?"],
    },
    "jefe_hogar": {
        "es": ["debo tener hijos para postular?", "soy soltero sin hijos, califico?"],
        "en": ["must I have kids to apply?", "do I need to be head of my family?"],
    },
    "situacion_laboral": {
        "es": ["estoy desempleado, puedo postular?", "si ya tengo empleo me aceptan?"],
        "en": ["I'm unemployed, can I apply?", "if I already have a job can I join?"],
    },
    "discapacidad": {
        "es": ["soy una persona con discapacidad, puedo postular?", "soy sordo, me aceptan?"],
        "en": ["I'm disabled, can I apply?", "I am deaf, will I be accepted?"],
    },
    "certificado_discapacidad": {
        "es": ["dónde tramito el certificado de discapacidad", "essalud da el certificado de discapacidad?"],
        "en": ["where can I get a disability certificate", "does essalud issue the disability certificate?"],
    },
    "documentos": {
        "es": ["qué papeles debo presentar", "necesito llevar mi dni u otros documentos?"],
        "en": ["which papers must I present", "do I need to bring my id or other documents?"],
    },
    "experiencia_laboral": {
        "es": ["piden años de experiencia?", "no tengo experiencia de trabajo, puedo entrar?"],
        "en": ["are years of experience required?", "I have no work experience, can I join?"],
    },
    # capacitacion.yml
    "capacitacion_que_es": {
        "es": ["cómo funciona la capacitación laboral", "explícame el componente de inserción laboral"],
        "en": ["how does the job training work", "explain the work placement training component"],
    },
    "cursos_sectores": {
        "es": ["dame la lista de cursos", "qué especialidades ofrecen"],
        "en": ["which courses are offered", "what subjects can I study"],
    },
    "cursos_region": {
        "es": ["los cursos dependen de la región?", "cómo eligen los cursos de cada zona"],
        "en": ["do the courses depend on the region?", "how are the courses chosen for each area"],
    },
    "duracion_cursos": {
        "es": ["cuánto tiempo dura un curso", "los cursos duran muchas semanas?"],
        "en": ["how much time does a course take", "how many weeks do courses run"],
    },
    "costo": {
        "es": ["es gratis?", "cuánto hay que pagar"],
        "en": ["is it free?", "how much must I pay"],
    },
    "quien_dicta": {
        "es": ["qué instituto enseña los cursos", "quiénes son los docentes"],
        "en": ["which institute teaches the courses", "who are the trainers"],
    },
    "servicio_empleo": {
        "es": ["al terminar el curso me consiguen trabajo?", "me ayudan con la colocación laboral?"],
        "en": ["after the course do you find me a job?", "do you help with job placement?"],
    },
    "bolsa_trabajo": {
        "es": ["hay bolsa de trabajo?", "dónde veo las vacantes del ministerio"],
        "en": ["do you have job boards?", "where can I see the ministry's vacancies"],
    },
    "habilidades_blandas": {
        "es": ["enseñan comunicación y empatía?", "hay formación en habilidades blandas?"],
        "en": ["do you train soft skills?", "is there training in communication and empathy?"],
    },
    "participantes_capacitacion": {
        "es": ["cuántos se capacitaron en inserción laboral", "cifras de la capacitación laboral"],
        "en": ["how many were trained for work placement", "figures for the job training"],
    },
    # autoempleo.yml
    "autoempleo_que_es": {
        "es": ["quiero emprender un negocio propio", "cómo funciona el componente de autoempleo"],
        "en": ["I want to become self-employed", "how does the self-employment component work"],
    },
    "autoempleo_etapas": {
        "es": ["cuáles son las fases del autoempleo", "qué pasos tiene el componente de emprendimiento"],
        "en": ["what are the phases of self-employment", "what steps does the entrepreneurship path have"],
    },
    "autoempleo_horas": {
        "es": ["cuántas horas tiene el curso de autoempleo", "distribución de horas del emprendimiento"],
        "en": ["how many hours is self-employment training", "breakdown of the entrepreneurship hours"],
    },
    "autoempleo_temas": {
        "es": ["qué aprendo en el curso para emprendedores", "enseñan marketing y costos?"],
        "en": ["what will I learn in the entrepreneur course", "do you teach marketing and costs?"],
    },
    "concurso_plan_negocio": {
        "es": ["cómo funciona el concurso de capital semilla", "qué premio da el concurso"],
        "en": ["how does the seed capital contest work", "what does the contest award"],
    },
    "prestamo_negocio": {
        "es": ["dan préstamos para negocios?", "me pueden dar un crédito?"],
        "en": ["do you give business loans?", "can I get credit for my business?"],
    },
    "negocio_existente": {
        "es": ["mi negocio ya funciona, me pueden ayudar a crecer?", "ya tengo emprendimiento, puedo entrar?"],
        "en": ["my business is already running, can you help it grow?", "I already run a business, can I join?"],
    },
    "autoempleo_sectores": {
        "es": ["qué tipo de negocio puedo emprender", "en qué rubros apoyan emprendimientos"],
        "en": ["what type of business can I start", "in which fields do you support new businesses"],
    },
    # certificacion.yml
    "certificacion_que_es": {
        "es": ["qué significa certificar competencias", "en qué consiste la certificación"],
        "en": ["what is skills certification", "what does certification involve"],
    },
    "certificacion_requisitos": {
        "es": ["qué necesito para certificarme", "condiciones para la certificación laboral"],
        "en": ["what do I need for certification", "conditions for skills certification"],
    },
    "perfiles_certificables": {
        "es": ["lista de oficios certificables", "qué perfiles ocupacionales certifican"],
        "en": ["list of certifiable trades", "which occupational profiles do you certify"],
    },
    "oficio_no_listado": {
        "es": ["soy gasfitero y mi oficio no está en la lista", "certifican mecánicos?"],
        "en": ["my trade is plumbing and it is not listed", "do you certify mechanics?"],
    },
    "catalogo_perfiles": {
        "es": ["qué es el catálogo de perfiles", "quién elabora los perfiles ocupacionales"],
        "en": ["what is the profiles catalogue", "who creates the occupational profiles"],
    },
    "centros_certificacion": {
        "es": ["quién hace el examen de certificación", "qué es un centro certificador"],
        "en": ["who does the certification exam", "what is a certification center"],
    },
    "beneficios_certificacion": {
        "es": ["qué ventajas tiene estar certificado", "vale la pena certificarse?"],
        "en": ["what are the advantages of being certified", "is getting certified worth it?"],
    },
    "tasa_certificacion": {
        "es": ["qué porcentaje aprueba la certificación", "la mayoría logra certificarse?"],
        "en": ["what percentage pass certification", "do most people manage to get certified?"],
    },
    "certificar_carpintero": {
        "es": ["hago muebles de madera, me certifican?", "certificación para carpinteros"],
        "en": ["I make wooden furniture, can I be certified?", "certification for carpenters"],
    },
    "certificar_textil": {
        "es": ["soy costurera, me certifican?", "certificación para confección de ropa"],
        "en": ["I'm a seamstress, can I be certified?", "certification for garment making"],
    },
    "certificar_agro": {
        "es": ["soy cosechador de espárrago, puedo certificarme?", "certifican trabajos agrícolas?"],
        "en": ["I harvest asparagus, can I be certified?", "do you certify farm work?"],
    },
    "certificar_electricista_limpieza": {
        "es": ["soy electricista, hay certificación?", "hago limpieza, puedo certificarme?"],
        "en": ["I'm an electrician, is there certification?", "I do cleaning work, can I be certified?"],
    },
    # centros.yml
    "donde_postular": {
        "es": ["dónde me inscribo", "en qué oficina atienden"],
        "en": ["where do I register", "which office should I go to"],
    },
    "unidades_zonales": {
        "es": ["en qué departamentos tiene unidades zonales", "en qué regiones funciona el programa"],
        "en": ["which departments have zone units", "in which regions does the programme work"],
    },
    "sede_lima": {
        "es": ["dirección de la sede en lima", "dónde queda la oficina central"],
        "en": ["address of the lima headquarters", "where is the head office"],
    },
    "contacto": {
        "es": ["a qué número llamo", "cuál es el horario de atención"],
        "en": ["what number do I call", "what are your opening hours"],
    },
    "otros_programas": {
        "es": ["qué es trabaja perú", "no califico, qué otros programas hay?"],
        "en": ["what is trabaja peru", "I don't qualify, what other programmes exist?"],
    },
    "ponte_en_carrera": {
        "es": ["dónde veo los salarios de las profesiones", "qué es el portal ponte en carrera"],
        "en": ["where can I see salaries by profession", "tell me about the ponte en carrera portal"],
    },
    "como_postular": {
        "es": ["cómo me inscribo en el programa", "hay convocatoria abierta?"],
        "en": ["how do I enrol in the programme", "is there an open call?"],
    },
    # datos.yml
    "datos_personales": {
        "es": ["mis datos están protegidos?", "qué pasa con mi información personal"],
        "en": ["is my data protected?", "what happens to my personal information"],
    },
    "borrar_datos": {
        "es": ["quiero eliminar mis datos", "borren mi información por favor"],
        "en": ["please erase my data", "remove my information"],
    },
    "que_puede_hacer": {
        "es": ["eres un bot?", "qué funciones tienes"],
        "en": ["what is this chatbot for", "what features do you have"],
    },
}
