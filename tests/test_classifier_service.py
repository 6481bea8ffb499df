"""``wirewatch classifier`` as a real subprocess on the real Kafka: parsed articles in, classified
articles out; an invalid record goes to the dead-letter topic and the stage goes on."""

from __future__ import annotations

from pathlib import Path

from services.classifier.settings import ClassifierSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, DeadLetter, ParsedArticle
from shared.kafka import producer, wait_for_records
from shared.topics import CLASSIFIED, DEADLETTER, PARSED
from tests.support import ServiceProcess, free_port, settings_env

ARTICLES = [
    ParsedArticle(
        id="cls-1",
        url="https://example.test/1",
        lang="en",
        title="Nvidia takes $2 billion stake in Mistral AI",
        text="Nvidia has taken a $2 billion stake in Mistral AI in a funding round led by ASML.",
    ),
    ParsedArticle(
        id="cls-2",
        url="https://example.test/2",
        title="«ميتا» تطلق نموذجاً جديداً",
        text="أطلقت شركة «ميتا» نموذجاً جديداً متاحاً لجميع المستخدمين، بحسب بيان الشركة يوم الثلاثاء.",
    ),
    ParsedArticle(
        id="cls-3",
        url="https://example.test/3",
        lang="fr",
        title="La météo de la semaine",
        text="Il fera beau à Paris cette semaine, avec des températures de saison.",
    ),
]


async def test_parsed_in_classified_out_and_dead_letter(settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    svc = settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"})
    env = settings_env(svc, ClassifierSettings())
    proc = ServiceProcess(["classifier"], env, tmp_path / "classifier.log", web_port=port).start()
    try:
        proc.wait_healthy()
        async with producer(settings) as prod:
            for a in ARTICLES[:2]:
                await prod.send_and_wait(PARSED.name(settings), key=a.id.encode(), value=a.encode())
            await prod.send_and_wait(
                PARSED.name(settings), key=b"bad-1", value=b'{"id": "bad-1", "text": 42}'
            )
            await prod.send_and_wait(
                PARSED.name(settings), key=ARTICLES[2].id.encode(), value=ARTICLES[2].encode()
            )

        records = await wait_for_records(settings, CLASSIFIED.name(settings), 3, timeout=90)
        out = {r.key.decode(): ClassifiedArticle.decode(r.value) for r in records}
        assert set(out) == {"cls-1", "cls-2", "cls-3"}
        assert out["cls-1"].primary_tag == "investment"
        assert out["cls-1"].orgs == ["Nvidia", "Mistral AI", "ASML"]
        assert out["cls-1"].amounts[0].value == 2e9 and out["cls-1"].amounts[0].currency == "USD"
        assert out["cls-2"].lang == "ar" and out["cls-2"].primary_tag == "launch"
        assert out["cls-2"].orgs == ["Meta"]
        assert out["cls-3"].tags == [] and out["cls-3"].primary_tag is None and out["cls-3"].lang == "fr"
        assert out["cls-1"].url == ARTICLES[0].url and out["cls-1"].text == ARTICLES[0].text

        [dead] = await wait_for_records(settings, DEADLETTER.name(settings), 1, timeout=60)
        letter = DeadLetter.decode(dead.value)
        assert letter.stage == "classifier" and letter.error == "invalid_contract"
        assert letter.key == "bad-1" and letter.payload == b'{"id": "bad-1", "text": 42}'
        assert letter.source_topic == PARSED.name(settings) and letter.offset is not None
        assert proc.alive()
    finally:
        proc.stop()
