"""GUM documents chosen by genre, for training data."""

from __future__ import annotations

import pytest

from quotetrack.models.gum_documents import documents

GUM = ("# newdoc id = GUM_news_a\n# meta::genre = news\n# newpar\n# text = Rain fell.\n"
       "1\tRain\n2\tfell\n3\t.\n\n"
       "# newdoc id = GUM_whow_b\n# meta::genre = whow\n# text = Cut it.\n1\tCut\n2\tit\n\n"
       "# newdoc id = GUM_bio_c\n# meta::genre = bio\n# text = She won.\n1\tShe\n2\twon\n\n")


def test_gum_documents_keeps_whole_documents_of_the_genres_asked_for() -> None:
    kept = documents(GUM, ["news", "bio"])
    assert kept.count("# newdoc") == 2
    assert "GUM_whow_b" not in kept and "Cut" not in kept
    assert "# newpar\n# text = Rain fell.\n1\tRain" in kept  # comments and rows as they were
    assert kept.endswith("2\twon\n\n")  # a sentence block ends with a blank line


def test_gum_documents_refuses_a_genre_that_may_not_train_a_shipped_model() -> None:
    with pytest.raises(ValueError, match="whow"):
        documents(GUM, ["news", "whow"])
