"""The branch work ledger (党支部工作台账): records, rules as cited data, obligations and facts computed from them.

Plain Python, no Django: the CLI (`shuzhi ledger`) and the web app both call it.

    >>> from shuzhi.ledger.workbook import read_workbook
    >>> from shuzhi.ledger.obligations import evaluate
"""
