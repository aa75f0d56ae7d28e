def to_markdown(r):
    return ""


def print_table(r, c):
    pass
