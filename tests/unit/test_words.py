"""Counted nouns read right in every message."""

from tutor.words import plural, topic_title, topics_text


def test_plural_uses_the_singular_only_for_one() -> None:
    assert [plural(count, "question") for count in (0, 1, 2)] == ["0 questions", "1 question", "2 questions"]
    assert plural(1, "past interview") == "1 past interview"


def test_clock_text_is_m_ss_rounded_down() -> None:
    from tutor.words import clock_text, time_used_text

    assert [clock_text(s) for s in (0, 17.9, 60, 125, 300, 723.5, -3)] == [
        "0:00", "0:17", "1:00", "2:05", "5:00", "12:03", "0:00"]
    assert time_used_text(17.9, 300) == "0:17 of 5:00"


def test_a_topic_slug_reads_as_a_title_with_its_acronyms_in_capitals() -> None:
    assert topic_title("truncated-bptt") == "Truncated BPTT"
    assert topic_title("why-rnns") == "Why RNNs"
    assert topic_title("why-it-matters") == "Why it matters"
    assert topic_title("lru") == "LRU"
    assert topic_title("fp16-overflow") == "FP16 overflow"
    assert topic_title("vanishing") == "Vanishing"
    assert topic_title("") == ""


def test_a_topic_title_keeps_spellings_and_hyphenated_prefixes() -> None:
    assert topic_title("nan") == "NaN"
    assert topic_title("relu-rnns") == "ReLU RNNs"
    assert topic_title("non-normal") == "Non-normal"
    assert topic_title("pre-ln") == "Pre-LN"
    assert topic_title("lstm_gates") == "LSTM gates"
    assert topics_text(["bptt", "vanishing"]) == "BPTT, Vanishing"
