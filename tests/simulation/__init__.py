"""The applicant simulator: whole conversations with the running bot, judged without the bot.

    make simulate N=1000 SEED=1          # or: python -m tests.simulation --n 1000 --seed 1
    python -m tests.simulation --url http://127.0.0.1:5005 --n 50   # against a bot already running

Applicants come from the population generator (applicants.py) and talk in
their own words (phrases.yml, speaker.py); the bot's replies are read as an
applicant reads them (reader.py); the verdict comes from the plain-Python
reference evaluator and a brute-force nearest-centre search. make test runs a
small seeded run (tests/simulation/test_simulation.py).
"""
