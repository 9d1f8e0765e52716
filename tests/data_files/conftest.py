"""Prints the mutation suite's counts per outcome after the run (issue 14's table)."""


def pytest_terminal_summary(terminalreporter):
    from tests.data_files.runner import table
    from tests.data_files.test_mutations import RESULTS

    if RESULTS:
        terminalreporter.section("data file mutations: outcomes")
        terminalreporter.write_line(table(RESULTS))
