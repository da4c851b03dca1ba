"""The NIS2 clocks of an entity Implementing Regulation (EU) 2024/2690 binds cite its Art. 3 and
the article for its kind, not only Art. 23(3) of the Directive."""

from resilint.domain.statutes import nis2_significance


def test_managed_service_provider_cites_article_10():
    text = nis2_significance("managed_service_provider")
    assert "2024/2690 Art. 3 and Art. 10" in text


def test_managed_security_service_provider_cites_article_10():
    assert "Art. 10" in nis2_significance("managed_security_service_provider")


def test_cloud_cites_article_7():
    assert "Art. 7" in nis2_significance("cloud_computing_service_provider")


def test_other_entities_keep_the_directive():
    assert nis2_significance("other") == "if the incident is significant (Art. 23(3))"
    assert nis2_significance(None) == "if the incident is significant (Art. 23(3))"
