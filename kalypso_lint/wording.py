"""Small pieces of English shared by messages and reports."""


def counted(count: int, noun: str) -> str:
    """ "1 file", "3 files": the count and the noun, plural unless the count is one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
