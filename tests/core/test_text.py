"""Wording helpers: terminal output made safe, quickly, whatever its size."""

from automation.core.text import _ACTED_ON, _ANY_ACTED_ON, terminal_safe


def test_the_quick_check_finds_exactly_the_characters_a_terminal_acts_on():
    assert all(_ANY_ACTED_ON.fullmatch(chr(code)) for code in _ACTED_ON)
    assert not [
        code for code in range(0x30000) if code not in _ACTED_ON and _ANY_ACTED_ON.fullmatch(chr(code))
    ]


def test_safe_text_is_returned_as_it_is_and_the_rest_escaped():
    text = "Publication – A\tB\n" * 1000
    assert terminal_safe(text) is text
    assert terminal_safe("x\x1b[31my\u202e\x9b\nz\t") == "x\\x1b[31my\\u202e\\x9b\nz\t"
