"""Each block rule: what it labels, and look-alikes it must leave alone."""

from __future__ import annotations

import pytest
from helpers import block

from cleaner.clean.rules import metadata_lines, navigation
from cleaner.clean.rules.registry import get

PROSE = "记者从市委组织部了解到，今年以来全市新建党群服务中心四十二个，覆盖所有街道和社区。"


def fires(rule, text: str) -> bool:
    return rule(*block(text)) is not None


@pytest.mark.parametrize("text", [
    "首页 新闻 政务 图片 要闻 聚焦 县域 专题 文娱 返回",
    "财经 | 科技 | 股票 | 基金 | 汽车 | 房产",
    "东城区 西城区 朝阳区 海淀区 丰台区 石景山区 门头沟区",
])
def test_link_bar(text):
    assert fires(navigation.link_bar, text)


@pytest.mark.parametrize("text", [PROSE, "紧盯党建薄弱点 靶向直指最基层", "一是抓班子，二是抓队伍，三是抓制度"])
def test_link_bar_keeps_prose_and_two_part_headings(text):
    assert not fires(navigation.link_bar, text)


@pytest.mark.parametrize("text", ["首页 >> 新闻聚焦 >> 正文", "当前位置：首页 > 本地新闻", "网站首页 / 要闻", "体育频道 › 篮球"])
def test_breadcrumb(text):
    assert fires(navigation.breadcrumb, text)


@pytest.mark.parametrize("text", [PROSE, "GDP增速 > 5%", "收入从1.2亿元跃升至2.5亿元 → 创新高的背后"])
def test_breadcrumb_keeps_look_alikes(text):
    assert not fires(navigation.breadcrumb, text)


@pytest.mark.parametrize("text", ["来源:某某网 时间:2019-08-29 08:38", "编辑:abc", "【作者：张三】 【编辑：李四】",
                                  "发布时间：2020-01-09 15:30:00 信息来源：市住建局", "（原标题：某某事）"])
def test_field_line(text):
    assert fires(metadata_lines.field_line, text)


@pytest.mark.parametrize("text", [PROSE, "环“两湖”试验区:", "时间紧、任务重：这个村这样干", "黄志说：“我们是渔业大村。”"])
def test_field_line_keeps_headings_and_quotes(text):
    assert not fires(metadata_lines.field_line, text)


@pytest.mark.parametrize("text", ["某某日报全媒体记者  王一  李二 特约记者 赵三  通讯员 钱四", "本报记者 孙五 通讯员 周六",
                                  "文/吴七", "记者丨郑八", "某日报/某网记者 冯九"])
def test_byline(text):
    assert fires(metadata_lines.byline, text)


@pytest.mark.parametrize("text", ["记者手记", "记者走进咸安，一探究竟。", "记者观察：乡村振兴新路径"])
def test_byline_keeps_headings_about_reporters(text):
    assert not fires(metadata_lines.byline, text)


@pytest.mark.parametrize("text", ["2022-08-14 21:47  稿源：某日报", "2021.11.02 来源：某台", "[2020年3月5日]"])
def test_date_line(text):
    assert fires(metadata_lines.date_line, text)


def test_date_line_keeps_sentences_that_start_with_a_date():
    assert not fires(metadata_lines.date_line, "2021年11月11日，全省会议在某市召开。")


@pytest.mark.parametrize("text", ["摘要:长阳县委出台意见，用党建活力激发脱贫动力。", "【导语】一季度营收增长。"])
def test_summary(text):
    assert fires(metadata_lines.summary, text)


@pytest.mark.parametrize("text", ["分享到:", "字号：大 中 小", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "网站logo", "今天是",
                                  "回顶部 到底部", ">>我要举报"])
def test_share_widget(text):
    assert fires(get("widgets.share_widget").func, text)


@pytest.mark.parametrize("text", [PROSE, "今天是长阳土家族自治县脱贫摘帽的攻坚之年", "打印机产业链"])
def test_share_widget_keeps_prose(text):
    assert not fires(get("widgets.share_widget").func, text)


@pytest.mark.parametrize("text", ["评论一下", "评论 0人参与,0条评论", "还没有评论,快来抢沙发吧!", "登录后发表评论", "网友评论（共56条）"])
def test_comment_widget(text):
    assert fires(get("widgets.comment_widget").func, text)


def test_comment_widget_keeps_sentences_about_comments():
    assert not fires(get("widgets.comment_widget").func, "网友纷纷在评论区留言，为家乡的球队点赞，相关话题阅读量超过一千万。")


@pytest.mark.parametrize("text", ["上一篇: 某某会议召开", "下一篇：某某调研", "【上一条】无"])
def test_prev_next(text):
    assert fires(get("related.prev_next").func, text)


@pytest.mark.parametrize("text", ["相关阅读", "热门推荐", "延伸阅读：", "友情链接", "热点新闻"])
def test_list_heading(text):
    assert fires(get("related.list_heading").func, text)


def test_list_heading_keeps_headings_that_contain_the_words():
    assert not fires(get("related.list_heading").func, "相关新闻报道引发热议的背后")


@pytest.mark.parametrize("text", ["©2024 Powered By 某某 - 网站地图", "Copyright © 2015-2022 example.cn", "京ICP备12345678号",
                                  "某某报社版权所有"])
def test_copyright_line(text):
    assert fires(get("footer.copyright_line").func, text)


@pytest.mark.parametrize("text", ["本文仅代表作者观点,不代表本站立场。", "转载请注明出处", "如有侵权请联系删除"])
def test_disclaimer(text):
    assert fires(get("footer.disclaimer").func, text)


def test_footer_rules_keep_prose_about_copyright():
    text = "会议强调，要加强知识产权保护，依法打击侵犯著作权和商标专用权的违法行为，维护公平竞争的市场秩序。"
    assert not fires(get("footer.copyright_line").func, text) and not fires(get("footer.disclaimer").func, text)


@pytest.mark.parametrize("text", ["本文为入驻机构发布，仅代表该机构观点，不代表平台的观点或立场。", "特别声明",
                                  "文章仅代表作者个人立场"])
def test_disclaimer_whoever_it_speaks_for(text):
    assert fires(get("footer.disclaimer").func, text)


@pytest.mark.parametrize("text", ["专家表示，这一数据仅代表部分城市的情况，并不代表全国平均水平。",
                                  "发言人就此事发表特别声明，表示将全力配合调查。"])
def test_disclaimer_keeps_prose_that_says_represent(text):
    assert not fires(get("footer.disclaimer").func, text)


@pytest.mark.parametrize("text", ["1、回复【公积金】查看最新政策", "回复“天气”获取本周预报", "点击菜单栏【办事指南】查看更多",
                                  "长按识别二维码关注我们"])
def test_account_promotion(text):
    assert fires(get("widgets.account_promo").func, text)


@pytest.mark.parametrize("text", ["市民可扫描下方二维码预约接种时间。", "3、回复群众来信办结率达到百分之九十八",
                                  "他在回复【网友留言】时表示，将尽快修复路灯。"])
def test_account_promotion_keeps_service_notes_and_prose(text):
    assert not fires(get("widgets.account_promo").func, text)


@pytest.mark.parametrize("text", ["想看更多好物测评？快来社区体验新品吧~！下载客户端还能领取新人专享福利哦！",
                                  "打开APP阅读全文", "客户端内查看更多精彩内容", "赶快下载我们的App，每天签到抢红包",
                                  "下載客戶端即可領取專享禮包"])
def test_app_promotion(text):
    assert fires(get("widgets.app_promo").func, text)


@pytest.mark.parametrize("text", ["该公司称，用户下载客户端后可领取优惠券，活动持续到月底。",
                                  "新版客户端增加了夜间模式和离线阅读功能",
                                  "调查显示，七成受访者每天打开App超过十次。"])
def test_app_promotion_keeps_reports_about_apps(text):
    assert not fires(get("widgets.app_promo").func, text)


@pytest.mark.parametrize("text", ["您的浏览器暂时无法播放此视频", "你的浏览器不支持HTML5视频播放",
                                  "自动播放 市区首条无人驾驶公交线路试运行", "视频加载中..."])
def test_video_player_residue(text):
    assert fires(get("widgets.video_player").func, text)


@pytest.mark.parametrize("text", ["自动播放功能默认关闭，家长可在设置中开启", "部分老旧浏览器无法播放视频的问题已经修复。",
                                  "车载屏幕将自动播放安全提示"])
def test_video_player_keeps_prose_about_players(text):
    assert not fires(get("widgets.video_player").func, text)
