"""Other languages and scripts: kept with their language code, or rejected on request."""

from __future__ import annotations

from helpers import clean_text

from cleaner.document import Rejection
from cleaner.settings import Settings

ENGLISH = """Home | News | Sport | Business | Culture
City council approves new riverside park
Source: Riverside Herald  2023-04-02
The city council voted on Tuesday to turn a disused industrial site along the river into a public park. The plan, first proposed three years ago, will add twelve hectares of green space to the east side of the city.
Work is expected to begin next spring and to take about two years. Council members said the project would be paid for largely by a regional grant, with the remainder coming from the city's capital budget.
Residents who attended the meeting welcomed the decision, although some raised concerns about parking and traffic on the streets around the site.
Copyright © 2023 Riverside Herald. All rights reserved.
"""

JAPANESE = """ホーム | ニュース | 経済 | 社会
市議会、川沿いの新しい公園計画を承認
市議会は火曜日、川沿いの使われていない工業用地を公園に整備する計画を承認した。計画は三年前に提案されたもので、市の東側に十二ヘクタールの緑地が加わる。
工事は来年春に始まり、完成までおよそ二年かかる見通しだ。費用の大部分は地域の補助金でまかなわれる。
会合に出席した住民からは歓迎の声が上がった一方、周辺の駐車場や交通への影響を心配する意見も出た。
"""

TRADITIONAL = """首頁 | 新聞 | 政治 | 社會 | 文化
市府推動老舊社區更新計畫
來源：某某日報　發布時間：2022-03-15 10:20　記者 王大明
市政府昨日宣布，將在未來五年內投入經費，推動三十個老舊社區的更新工程，改善居民的居住環境與公共設施。
負責官員表示，更新計畫將優先處理建築安全與無障礙設施，並邀請居民參與規劃，確保工程符合社區需要。
不少居民對計畫表示歡迎，但也有人擔心施工期間的噪音與交通問題，希望市府加強溝通。
版權所有 © 某某日報
"""


def test_english_page_is_kept_with_its_language_and_cleaned():
    a = clean_text(ENGLISH)
    assert not isinstance(a, Rejection), a
    assert a.language == "en"
    assert a.metadata.title == "City council approves new riverside park"
    assert a.text.startswith("The city council voted") and "Copyright" not in a.text and "Home |" not in a.text


def test_japanese_page_is_kept_with_its_language():
    a = clean_text(JAPANESE)
    assert not isinstance(a, Rejection), a
    assert a.language == "ja"
    assert "ホーム" not in a.text


def test_other_languages_are_rejected_when_only_chinese_is_wanted():
    r = clean_text(ENGLISH, settings=Settings(languages=("zh",)))
    assert isinstance(r, Rejection) and r.reason == "language"


def test_traditional_chinese_page_is_a_correct_article():
    a = clean_text(TRADITIONAL)
    assert not isinstance(a, Rejection), a
    assert a.language == "zh"
    m = a.metadata
    assert (m.title, m.published_at, m.source_name, m.authors) == ("市府推動老舊社區更新計畫", "2022-03-15T10:20", "某某日報", ["王大明"])
    assert a.text.startswith("市政府昨日宣布") and "版權所有" not in a.text


def test_han_only_shortcut_agrees_with_langdetect_and_leaves_mixed_text_to_it():
    from langdetect import detect

    from cleaner.clean import language

    for body in (TRADITIONAL.splitlines()[3], "在基层党建中的好做法值得推广，党员干部深入群众解决实际问题。"):
        assert language.identify(body) == "zh" == detect(body).split("-")[0]
    japanese = JAPANESE.splitlines()[2]  # mostly Han, but kana make it Japanese: langdetect decides
    assert language.identify(japanese) == "ja"
    mixed = "The council met on Tuesday. 市议会周二开会。 The vote was close and the plan passed."
    assert language.identify(mixed) == detect(mixed).split("-")[0] == "en"
