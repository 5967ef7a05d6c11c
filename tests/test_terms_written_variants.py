"""Other ways grammar writes a rendering (issue 12, the classes of the tenth held-out set,
fresh9): Russian stump compounds of a title (генсек, постпред, спецпосланник) and a French or
Spanish complement with its article (chef de l'État, jefe del Estado). Each on sentences of its
own besides the held-out cases, with wrong renderings that stay flagged."""

from __future__ import annotations

from term_verdicts import accepted_test, flagged_test

ACCEPTED = [
    (
        "ru",
        "The SCO Secretary-General will visit Dushanbe.",
        "Генсек ШОС посетит Душанбе.",
    ),
    (
        "ru",
        "The envoy met the SCO Secretary-General.",
        "Посланник встретился с генсеком ШОС.",
    ),
    (
        "ru",
        "The special envoy arrived in Kabul.",
        "Спецпосланник прибыл в Кабул.",
    ),
    (
        "ru",
        "Wang Yi met the special envoy.",
        "Ван И встретился со спецпосланником.",
    ),
    (
        "fr",
        "The head of state received the envoy.",
        "Le chef de l'État a reçu l'envoyé.",
    ),
    (
        "es",
        "The head of state received the envoy.",
        "El jefe del Estado recibió al enviado.",
    ),
]


test_correct_copy_is_not_flagged = accepted_test(ACCEPTED)


FLAGGED = [
    # Another stump compound is another office.
    ("ru", "The special envoy arrived in Kabul.", "Спецкор прибыл в Кабул."),
    ("ru", "The SCO Secretary-General will visit Dushanbe.", "Генпрокурор ШОС посетит Душанбе."),
    # Another head is another office, with the article or without.
    ("fr", "The head of state received the envoy.", "Le chef du gouvernement a reçu l'envoyé."),
    ("es", "The head of state received the envoy.", "El jefe del Gobierno recibió al enviado."),
]


test_wrong_copy_stays_flagged = flagged_test(FLAGGED)
