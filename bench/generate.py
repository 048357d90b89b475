"""A synthetic corpus of scraped Chinese news pages in the style of seeds/*.txt.

Every page is composed from pieces: a site (name, channel bar, breadcrumb style, metadata
line style, indentation, footer) chosen among a few dozen made-up sites, a made-up article on
one of several topics (headline, source/date line, byline, optional summary and share widget,
paragraphs built from templates and word lists, in-body headings, photo captions, a closing
byline), then related-headline lists, prev/next links, comment boxes, disclaimers and
copyright/ICP footers. Some pages carry spam (gambling brands glued into sentences, contact
lures, bare URLs, slogan shards inserted between words), some arrive as GB18030, with
mojibake, CRLF line breaks, in English, nearly or exactly duplicated, or nearly empty. A few
short furniture lines (navigation, footers) may be drawn from the seeds as extra noise; the
articles themselves are never taken from them.

Deterministic: the same --seed and -n give the same bytes.

    python bench/generate.py OUT -n 2000 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PER_FOLDER = 1000

# ---------------------------------------------------------------------------------------------
# word lists (made up for this generator)

SYLLABLES = ("澄溪鹭洲青石安平河阳江宁丰泉岭桥湖山城林源川南北东西新兴华嘉长永云清明"
             "泰和顺德恒通远临沙兰桂松竹梅荷柳杨枫白金玉龙凤鹤宝春秋夏冬海滨岳峰浦")
PLACE_SUFFIX = ("市", "县", "区", "镇", "乡", "村", "街道", "开发区", "新区", "高新区")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建林斌宇浩凯健俊帆帅旭宁晨阳晓文博欣怡子涵梓轩雨萱思远嘉琪志海春梅晓东海燕秋菊雪松振华立新国庆卫东"
ORG_KIND = ("市委组织部", "交通运输局", "医疗保障局", "人民医院", "第一中学", "教育局", "农业农村局",
            "住房和城乡建设局", "生态环境局", "文化和旅游局", "市场监督管理局", "人力资源和社会保障局",
            "科技局", "发展和改革委员会", "应急管理局", "气象局", "供电公司", "水务集团", "融媒体中心",
            "专业合作社", "商务局", "自然资源局", "公安局", "消防救援支队", "卫生健康委员会", "统计局",
            "民政局", "体育局", "图书馆", "博物馆", "职业技术学院", "产业园管委会", "街道办事处")
OUTLET_KIND = ("日报", "晚报", "晨报", "新闻网", "电视台", "融媒体中心", "在线", "时报", "网", "发布")
ROLES = ("记者", "全媒体记者", "融媒体记者", "特约记者", "通讯员", "实习生")

TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "transport": {
        "noun": ("大桥", "公交线路", "高速公路", "地铁站", "停车场", "客运站", "过江隧道", "快速路", "交通信号灯",
                 "非机动车道", "人行天桥", "城际铁路", "物流园区", "货运专线", "充电桩"),
        "verb": ("建成通车", "开工建设", "优化调整", "完成改造", "投入使用", "加快推进", "全面升级", "试运行"),
        "thing": ("通行时间", "车流量", "客流量", "出行效率", "运营里程", "日均发车", "道路通行能力"),
        "head": ("出行更方便了", "通行能力提升", "交通网络再织密", "早晚高峰不再堵", "一桥飞架南北"),
    },
    "health": {
        "noun": ("医保服务", "家庭医生", "门诊大楼", "健康档案", "异地就医", "疫苗接种点", "急救中心", "慢病管理",
                 "互联网医院", "社区卫生服务中心", "检验检查结果", "中医馆"),
        "verb": ("正式上线", "全面推行", "持续优化", "实现互认", "扩大覆盖", "提档升级", "投入运行"),
        "thing": ("报销比例", "就诊人次", "签约率", "候诊时间", "基金支付", "床位数量", "服务满意度"),
        "head": ("看病少跑腿", "健康服务送到家门口", "医保政策有变化", "群众就医更便捷"),
    },
    "education": {
        "noun": ("课后服务", "校园食堂", "实验室", "图书角", "劳动教育基地", "学位供给", "教师队伍", "研学活动",
                 "智慧课堂", "体育场馆", "心理健康课程", "职业教育"),
        "verb": ("全面铺开", "建成投用", "不断完善", "扩容提质", "稳步推进", "深入开展", "有序实施"),
        "thing": ("学位数量", "参与率", "师生比例", "优质资源覆盖面", "家长满意度", "升学率"),
        "head": ("孩子们有了新去处", "让每个孩子享有公平而有质量的教育", "教育资源再扩容"),
    },
    "agriculture": {
        "noun": ("蔬菜基地", "高标准农田", "茶园", "水产养殖", "农产品加工厂", "合作社", "电商直播", "冷链仓储",
                 "特色种植", "乡村民宿", "果园", "中药材种植"),
        "verb": ("喜获丰收", "初具规模", "带动增收", "提质增效", "连片发展", "走上正轨", "打响品牌"),
        "thing": ("亩产", "产值", "人均收入", "订单数量", "集体经济收入", "带动就业人数"),
        "head": ("小产业做成大文章", "乡村振兴路越走越宽", "田间地头采访记", "致富路上劲头足"),
    },
    "economy": {
        "noun": ("重点项目", "营商环境", "招商引资", "外贸订单", "消费市场", "中小企业", "产业链", "数字经济",
                 "科创平台", "总部基地", "专精特新企业", "跨境电商"),
        "verb": ("集中签约", "加速落地", "持续回暖", "稳中向好", "逆势增长", "开足马力", "扩大规模"),
        "thing": ("投资总额", "营业收入", "进出口额", "税收贡献", "新增市场主体", "工业增加值"),
        "head": ("经济运行开局良好", "项目建设跑出加速度", "企业发展信心足", "稳增长动能强劲"),
    },
    "culture": {
        "noun": ("非遗展演", "博物馆", "文化广场", "读书会", "戏曲进校园", "文创市集", "古村落", "音乐节",
                 "美术展览", "历史街区", "民俗活动", "公共文化服务"),
        "verb": ("精彩上演", "免费开放", "火热开展", "焕发新生", "吸引游客", "圆满落幕", "持续升温"),
        "thing": ("参观人次", "接待游客", "旅游收入", "活动场次", "观众数量", "线上播放量"),
        "head": ("文化活动丰富群众生活", "老街焕发新活力", "家门口的文化盛宴"),
    },
    "environment": {
        "noun": ("河道治理", "垃圾分类", "湿地公园", "污水处理厂", "植树造林", "空气质量", "生态修复", "绿道",
                 "节能改造", "光伏电站", "秸秆综合利用", "噪声治理"),
        "verb": ("成效明显", "持续改善", "全面完成", "稳步提升", "有序推进", "通过验收", "取得突破"),
        "thing": ("优良天数", "水质达标率", "绿化覆盖率", "减排量", "处理能力", "回收利用率"),
        "head": ("绿水青山就在身边", "生态环境持续向好", "守护一江碧水"),
    },
    "tech": {
        "noun": ("人工智能", "工业互联网", "数据中心", "新能源汽车", "智能制造", "芯片封装", "5G基站", "机器人",
                 "云计算平台", "研发中心", "智慧社区", "无人机"),
        "verb": ("实现量产", "获得认证", "完成研发", "投入应用", "发布上线", "取得专利", "加快布局"),
        "thing": ("研发投入", "专利数量", "产品良率", "算力规模", "用户数量", "产能"),
        "head": ("科技创新赋能发展", "新赛道跑出新速度", "智造升级进行时"),
    },
    "party": {
        "noun": ("党群服务中心", "基层党组织", "党员志愿服务队", "村两委班子", "网格党支部", "党建示范点",
                 "红色教育基地", "流动党员", "驻村工作队", "党员中心户"),
        "verb": ("发挥作用", "凝聚力量", "深入开展", "全面加强", "持续深化", "探索创新", "扎实推进"),
        "thing": ("服务群众人次", "办理实事", "化解矛盾纠纷", "结对帮扶户数", "志愿服务时长"),
        "head": ("党建引领基层治理", "支部建在产业链上", "党员带头干在前"),
    },
    "sports": {
        "noun": ("马拉松", "全民健身", "青少年足球", "篮球联赛", "体育公园", "游泳馆", "健身步道", "龙舟赛",
                 "乒乓球比赛", "运动会", "冰雪运动", "社区健身房"),
        "verb": ("鸣枪开跑", "激情开赛", "圆满收官", "顺利举行", "正式开放", "火热进行", "落下帷幕"),
        "thing": ("参赛人数", "观赛人次", "金牌数量", "场馆利用率", "健身人数"),
        "head": ("全民健身热潮涌动", "赛场内外燃激情", "家门口的体育盛会"),
    },
}

CONNECT = ("同时", "此外", "与此同时", "据悉", "据了解", "记者了解到", "近年来", "今年以来", "下一步", "目前",
           "值得一提的是", "另外", "在此基础上", "为此", "截至目前")
ADVERBS = ("进一步", "持续", "不断", "全面", "积极", "大力", "稳步", "切实", "有效", "加快")
GOALS = ("提升群众获得感", "推动高质量发展", "方便市民出行", "解决群众急难愁盼问题", "促进产业转型升级",
         "增强发展后劲", "补齐民生短板", "激发市场活力", "打通服务群众最后一公里", "助力乡村振兴")
FEELINGS = ("方便多了", "心里踏实了", "日子越过越红火", "大家都很满意", "比以前强多了", "感觉特别有奔头",
            "办事不用再来回跑", "孩子们特别喜欢")
RESIDENTS = ("市民", "村民", "居民", "游客", "家长", "企业负责人", "志愿者", "老党员", "返乡青年", "个体户")
UNITS = ("万元", "亿元", "万人次", "个", "家", "公里", "亩", "吨", "户", "项")
MONTHS = tuple(f"{m}月" for m in range(1, 13))

CHANNELS = ("首页", "新闻", "要闻", "本地", "国内", "国际", "政务", "社会", "财经", "科技", "教育", "健康",
            "文旅", "体育", "图片", "视频", "专题", "评论", "房产", "汽车", "县域", "乡村", "数字报", "直播",
            "融媒", "论坛", "招聘", "服务", "民生", "法治")
SECTIONS = ("新闻中心", "本地新闻", "要闻聚焦", "社会民生", "县域经济", "政务动态", "图片新闻", "专题报道",
            "基层动态", "财经资讯", "文体新闻", "科教卫生")
RELATED_HEADS = ("相关新闻", "推荐阅读", "热点新闻", "最新资讯", "延伸阅读", "精彩推荐", "热门文章",
                 "更多资讯", "猜你喜欢", "新闻排行")
SHARE = ("分享到：微信 微博 QQ空间", "分享到:", "分享：", "扫一扫在手机打开当前页", "【字号 大 中 小】 【打印】 【关闭】",
         "字号：T T", "分享到 微信 朋友圈 微博")
COMMENTS = ("评论一下", "发表评论", "网友评论", "已有0人参与，点击查看更多精彩评论", "还没有评论，快来抢沙发吧！",
            "登录后发表评论", "最热评论", "最新评论", "我要评论")
DISCLAIMERS = ("本文仅代表作者观点，不代表本站立场。", "本站部分内容来源于网络，如有侵权请联系删除。",
               "转载请注明出处。未经授权，不得转载、摘编或利用其它方式使用上述作品。",
               "凡本网注明“来源：XX”的作品，均转载自其它媒体，转载目的在于传递更多信息。",
               "免责声明：本文内容仅供参考，不构成任何投资建议。")

SPAM_BRAND_HAN = ("金沙", "凯胜", "鼎盛", "皇冠", "银河", "博发", "永利", "万豪")
SPAM_VERTICAL = ("体育官网", "娱乐城", "棋牌app下载", "电子入口", "真人视讯", "彩票平台官网", "体育app")
SPAM_COPY = ("注册即送88元彩金", "首存送100%", "每日更新内部消息", "领取新人福利", "稳赚不赔")
SLOGANS = ("天天领红包快来看", "好运连连发大财", "全民来抢幸运礼", "精彩不停一起玩", "今日头奖等你拿")

EN_WORDS = ("the", "city", "council", "said", "new", "bridge", "opened", "on", "Monday", "residents", "traffic",
            "will", "reduce", "by", "about", "percent", "officials", "project", "cost", "million", "local",
            "school", "hospital", "services", "online", "year", "government", "plan", "river", "park")


@dataclass
class Site:
    name: str
    channels: list[str]
    crumb_sep: str
    meta_style: int
    indent: str
    blank_between: bool
    footer: list[str]
    related_style: int
    has_share: bool
    has_comments: bool


def place(r: random.Random) -> str:
    return "".join(r.sample(SYLLABLES, 2))


def person(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))


def number(r: random.Random) -> str:
    v = r.choice((r.randint(2, 99), r.randint(100, 9999), round(r.uniform(1, 99), 1)))
    return str(v)


def date(r: random.Random) -> tuple[int, int, int, str]:
    y, m, d = r.randint(2015, 2024), r.randint(1, 12), r.randint(1, 28)
    return y, m, d, f"{r.randint(6, 22):02d}:{r.randint(0, 59):02d}"


def make_site(r: random.Random, i: int) -> Site:
    p = place(r)
    name = p + r.choice(OUTLET_KIND)
    channels = ["首页"] + r.sample(CHANNELS[1:], r.randint(5, 14))
    footer = []
    if r.random() < 0.9:
        footer.append(f"Copyright © {r.randint(2005, 2024)} {name} 版权所有")
    if r.random() < 0.8:
        footer.append(f"{r.choice('京沪粤鄂湘川浙苏闽赣')}ICP备{r.randint(10000000, 99999999)}号-{r.randint(1, 9)}")
    if r.random() < 0.5:
        footer.append(f"主办单位：{p}{r.choice(ORG_KIND)}  技术支持：{place(r)}网络科技有限公司")
    if r.random() < 0.4:
        footer.append("网站地图 | 联系我们 | 关于我们 | 网站声明")
    return Site(name=name, channels=channels, crumb_sep=r.choice((" >> ", " > ", " / ", "→", " - ")),
                meta_style=r.randint(0, 4), indent=r.choice(("", "", "　　", "  ", "\t")),
                blank_between=r.random() < 0.7, footer=footer, related_style=r.randint(0, 2),
                has_share=r.random() < 0.6, has_comments=r.random() < 0.4)


class Writer:
    """Made-up news text on one topic."""

    def __init__(self, r: random.Random, topic: str, where: str):
        self.r, self.t, self.where = r, TOPICS[topic], where
        self.org = where + r.choice(ORG_KIND)
        self.people = [person(r) for _ in range(4)]

    def w(self, key: str) -> str:
        return self.r.choice(self.t[key])

    def sentence(self) -> str:
        r = self.r
        n = r.randint(0, 13)
        if n == 0:
            return f"{r.choice(MONTHS)}{r.randint(1, 28)}日，{self.where}{self.w('noun')}{self.w('verb')}，{r.choice(GOALS)}。"
        if n == 1:
            return f"{r.choice(CONNECT)}，{self.org}{r.choice(ADVERBS)}推进{self.w('noun')}建设，{self.w('thing')}达到{number(r)}{r.choice(UNITS)}。"
        if n == 2:
            return f"“{r.choice(('以前', '过去', '原来'))}{self.w('noun')}{r.choice(('少', '远', '不方便', '跟不上'))}，现在{r.choice(FEELINGS)}。”{r.choice(RESIDENTS)}{r.choice(self.people)}说。"
        if n == 3:
            return f"截至{r.choice(MONTHS)}底，全{self.where[-1] if self.where[-1] in '市县区' else '市'}已累计完成{self.w('noun')}{number(r)}{r.choice(UNITS)}，同比增长{round(r.uniform(1, 60), 1)}%。"
        if n == 4:
            return f"据{self.org}负责人{r.choice(self.people)}介绍，{self.w('noun')}{self.w('verb')}后，{self.w('thing')}{r.choice(('提高', '增加', '缩短', '提升'))}了{number(r)}%。"
        if n == 5:
            return f"{r.choice(CONNECT)}，{self.where}将{r.choice(ADVERBS)}{r.choice(('完善', '加强', '优化', '拓展'))}{self.w('noun')}，{r.choice(GOALS)}。"
        if n == 6:
            return f"记者在现场看到，{self.w('noun')}{r.choice(('旁', '内', '周边', '一侧'))}{r.choice(('人头攒动', '井然有序', '热闹非凡', '干净整洁'))}，不少{r.choice(RESIDENTS)}{r.choice(('驻足观看', '排队体验', '拍照留念', '前来咨询'))}。"
        if n == 7:
            return f"{self.w('thing')}从{r.randint(2010, 2020)}年的{number(r)}{r.choice(UNITS)}增长到目前的{number(r)}{r.choice(UNITS)}。"
        if n == 8:
            return f"{r.choice(self.people)}表示，{r.choice(('下一步', '接下来', '今后'))}要{r.choice(ADVERBS)}抓好{self.w('noun')}工作，确保{r.choice(('各项任务落到实处', '群众真正受益', '工作取得实效', '按期完成目标'))}。"
        if n == 9:
            return f"{place(self.r)}{r.choice(PLACE_SUFFIX)}的{self.w('noun')}项目总投资约{number(r)}亿元，预计{r.randint(2021, 2026)}年{r.choice(('建成', '投用', '完工'))}。"
        if n == 10:
            a, b = self.r.sample(self.t["noun"], 2)
            return f"围绕{a}和{b}，{self.org}出台了{r.randint(3, 20)}条具体措施，{r.choice(GOALS)}。"
        if n == 11:
            return f"{r.choice(('不少', '很多', '越来越多的'))}{r.choice(RESIDENTS)}反映，{self.w('noun')}{self.w('verb')}以后{r.choice(FEELINGS)}！"
        if n == 12:
            return f"{r.choice(CONNECT)}，{self.where}共{r.choice(('开展', '组织', '举办'))}{self.w('noun')}活动{r.randint(5, 300)}场次，惠及{r.choice(RESIDENTS)}{number(r)}{r.choice(('人', '人次', '户'))}；"
        return f"{self.w('noun')}{r.choice(('怎么办', '有哪些变化', '如何申请', '何时开放'))}？"

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.r.choice((1, 2, 3, 3, 4, 4, 5, 6))))

    def heading(self) -> str:
        r = self.r
        return r.choice((self.w("head"), f"{self.w('noun')}{self.w('verb')}", f"{r.choice(ADVERBS)}{self.w('verb')}"))

    def title(self) -> str:
        r = self.r
        return r.choice((f"{self.where}：{self.w('noun')}{self.w('verb')} {self.w('head')}",
                         f"{self.where}{self.w('noun')}{self.w('verb')}",
                         f"{self.w('head')}——{self.where}{self.w('noun')}见闻",
                         f"{number(r)}{r.choice(UNITS)}！{self.where}{self.w('noun')}{self.w('verb')}"))


def headline(r: random.Random) -> str:
    t = random.Random(r.random())
    w = Writer(t, t.choice(list(TOPICS)), place(t) + t.choice(PLACE_SUFFIX))
    return w.title()


def seed_noise(seeds_dir: Path) -> list[str]:
    """Short furniture lines from the seeds' heads and tails (navigation, footers, widgets)."""
    lines: list[str] = []
    for p in sorted(seeds_dir.glob("*.txt")):
        all_lines = [ln.strip() for ln in p.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        for ln in all_lines[:3] + all_lines[-8:]:
            if 6 <= len(ln) <= 60 and "。" not in ln:
                lines.append(ln)
    return lines


def inject_brand(r: random.Random, para: str) -> str:
    spam = r.choice(SPAM_BRAND_HAN + ("KX", "AG", "BB", "XY")) + r.choice(SPAM_VERTICAL)
    cut = r.randrange(len(para) // 3, max(len(para) // 3 + 1, len(para) - 2))
    return para[:cut] + spam + para[cut:]


def inject_shards(r: random.Random, paras: list[str]) -> list[str]:
    """Shards of one slogan inserted between words, in cyclic order (content-farm spam)."""
    slogan = r.choice(SLOGANS)
    shards, i = [], 0
    while i < len(slogan):
        k = r.choice((2, 2, 3))
        shards.append(slogan[i:i + k])
        i += k
    out, j = [], 0
    for p in paras:
        if len(p) < 30 or r.random() < 0.4:
            out.append(p)
            continue
        pos = sorted(r.sample(range(5, len(p) - 5), min(3, len(p) // 20)))
        pieces, last = [], 0
        for q in pos:
            pieces += [p[last:q], shards[j % len(shards)]]
            j += 1
            last = q
        out.append("".join(pieces) + p[last:])
    return out


def english_page(r: random.Random) -> str:
    paras = []
    for _ in range(r.randint(4, 10)):
        sents = []
        for _ in range(r.randint(2, 5)):
            words = [r.choice(EN_WORDS) for _ in range(r.randint(8, 20))]
            sents.append(" ".join(words).capitalize() + ".")
        paras.append(" ".join(sents))
    title = " ".join(r.choice(EN_WORDS) for _ in range(6)).title()
    return "Home | News | World | Business | Sport\n\n" + title + "\n\n" + "\n\n".join(paras) + "\n\n© 2023 Example News\n"


MIXES = ("news", "crawl")
# crawl: body paragraphs drawn log-normally (page lengths from about 300 characters to 200 KB,
# median near 3 KB), spam on about 1 page in 10 as in news; news: 14-48 paragraphs.
CRAWL_PARAS = (1.95, 1.35, 2, 2000)  # mu and sigma of log(paragraphs), least and most


def paragraphs(b: random.Random, mix: str) -> int:
    """How many body paragraphs an article has, drawn from its own body generator."""
    if mix == "crawl":
        mu, sigma, least, most = CRAWL_PARAS
        return max(least, min(most, round(b.lognormvariate(mu, sigma))))
    return b.randint(14, 48)


def page(r: random.Random, site: Site, noise: list[str], body_seed: int, mix: str = "news") -> tuple[str, int]:
    """One page; returns its text and the seed its article body was written from (for duplicates)."""
    b = random.Random(body_seed)
    topic = b.choice(list(TOPICS))
    where = place(b) + b.choice(PLACE_SUFFIX)
    w = Writer(b, topic, where)
    y, m, d, hm = date(r)
    lines: list[str] = []
    # head: site name, channel bar, breadcrumb
    if r.random() < 0.5:
        lines.append(site.name)
    if r.random() < 0.85:
        lines.append(" ".join(site.channels) if r.random() < 0.7 else " | ".join(site.channels))
    if noise and r.random() < 0.1:
        lines.append(r.choice(noise))
    if r.random() < 0.7:
        lines.append(("当前位置：" if r.random() < 0.4 else "") + site.crumb_sep.join(("首页", r.choice(SECTIONS), "正文")))
    lines.append("")
    lines.append(w.title())
    lines.append("")
    reporters = [person(r) for _ in range(r.randint(1, 3))]
    editor = person(r)
    source = r.choice((site.name, place(r) + r.choice(OUTLET_KIND)))
    style = site.meta_style
    if style == 0:
        lines.append(f"来源：{source} 时间：{y}-{m:02d}-{d:02d} {hm}")
    elif style == 1:
        lines.append(f"{y}-{m:02d}-{d:02d} {hm} | 来源：{source} | 作者：{reporters[0]} | 阅读：{r.randint(1, 99)}.{r.randint(0, 9)}万")
    elif style == 2:
        lines.append(f"{y}.{m:02d}.{d:02d}　来源：{source}　记者 {' '.join(reporters)}")
    elif style == 3:
        lines.append(f"发布时间：{y}年{m}月{d}日 {hm}  来源：{source}  编辑：{editor}")
    else:
        lines.append(f"来源:{source}  日期:{y}-{m:02d}-{d:02d}   编辑:{editor}   字号:TT")
    if style in (0, 3, 4) and r.random() < 0.6:
        lines.append("")
        lines.append(f"{source}{r.choice(ROLES)} {'  '.join(reporters)}" + (f" 通讯员 {person(r)}" if r.random() < 0.5 else ""))
    if site.has_share:
        lines.append(r.choice(SHARE))
    lines.append("")
    if r.random() < 0.2:
        lines.append("摘要：" + w.sentence() + w.sentence())
        lines.append("")
    # body
    n_paras = paragraphs(b, mix)
    paras: list[str] = []
    for i in range(n_paras):
        if i > 1 and b.random() < 0.12:
            paras.append("\x00H" + w.heading())
        elif i > 0 and b.random() < 0.05:
            paras.append(f"\x00C图为{where}{w.w('noun')}现场。（{person(b)} 摄）")
        else:
            paras.append(w.paragraph())
    spam_kind = r.random()
    if spam_kind < 0.04:
        k = r.randrange(1, len(paras))
        if not paras[k].startswith("\x00"):
            paras[k] = inject_brand(r, paras[k])
    elif spam_kind < 0.06:
        paras.insert(r.randrange(1, len(paras)), f"{r.choice(SPAM_BRAND_HAN)}{r.choice(SPAM_VERTICAL)} {r.choice(SPAM_COPY)}")
        paras.insert(r.randrange(1, len(paras)), f"https://m.{''.join(r.choice('abcdkmxz') for _ in range(3))}{r.randint(1000, 9999)}vip.cc/")
    elif spam_kind < 0.08:
        paras.insert(0, f"【加微信 {''.join(r.choice('abkmxyz') for _ in range(2))}{r.randint(10000, 99999)} {r.choice(SPAM_COPY)}】")
    elif spam_kind < 0.10:
        paras = inject_shards(r, paras)
    for p in paras:
        if p.startswith(("\x00H", "\x00C")):
            lines.append(p[2:])
        else:
            lines.append(site.indent + p)
        if site.blank_between:
            lines.append("")
    # tail
    if r.random() < 0.5:
        lines.append(f"（记者 {' '.join(reporters)}" + (f" 通讯员 {person(r)}）" if r.random() < 0.5 else "）"))
    if r.random() < 0.6:
        lines.append(r.choice((f"编辑：{editor}", f"责任编辑：{editor}", f"【作者：{reporters[0]}】 【编辑：{editor}】",
                               f"编辑：{''.join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(8))}")))
    if r.random() < 0.3:
        lines.append(f"关键词：{where} {w.w('noun')}")
    lines.append("")
    if r.random() < 0.6:
        lines.append(f"上一篇：{headline(r)}")
        lines.append(f"下一篇：{headline(r)}")
    if r.random() < 0.7:
        lines.append("")
        lines.append(r.choice(RELATED_HEADS))
        for _ in range(r.randint(3, 10)):
            h = headline(r)
            if site.related_style == 0:
                lines.append(h)
            elif site.related_style == 1:
                lines.append(f"  • {h}\n    {h}")
            else:
                lines.append(f"{h} {r.randint(1, 12):02d}-{r.randint(1, 28):02d}")
    if site.has_comments:
        lines.append("")
        lines.extend(r.sample(COMMENTS, r.randint(1, 4)))
    if r.random() < 0.4:
        lines.append(r.choice(DISCLAIMERS))
    if noise and r.random() < 0.1:
        lines.append(r.choice(noise))
    lines.extend(site.footer)
    return "\n".join(lines) + "\n", body_seed


def mojibake(text: str) -> bytes:
    """UTF-8 bytes read as cp1252 and saved again as UTF-8 (a classic scrape accident)."""
    import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252 (what browsers decode)

    return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


def generate(out: str | Path, n: int, seed: int = 1, seeds_dir: Path = SEEDS, mix: str = "news") -> dict:
    """Write n pages under OUT (folders of PER_FOLDER files); returns counts and bytes."""
    out = Path(out)
    r = random.Random(seed)
    noise = seed_noise(seeds_dir) if seeds_dir.is_dir() else []
    sites = [make_site(r, i) for i in range(max(8, min(200, n // 40)))]
    written, kinds = 0, {"page": 0, "gb18030": 0, "mojibake": 0, "crlf": 0, "english": 0, "near_duplicate": 0,
                         "exact_duplicate": 0, "short": 0}
    bodies: list[int] = []
    previous: list[bytes] = []
    for i in range(n):
        folder = out / f"{i // PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        site = r.choice(sites)
        roll = r.random()
        if roll < 0.01 and previous:
            data = r.choice(previous)
            kinds["exact_duplicate"] += 1
        elif roll < 0.015:
            data = r.choice(("", "\n\n", "页面不存在", "404 Not Found", "加载中……")).encode("utf-8")
            kinds["short"] += 1
        elif roll < 0.025:
            data = english_page(r).encode("utf-8")
            kinds["english"] += 1
        else:
            if roll < 0.055 and bodies:
                body_seed = r.choice(bodies)  # the same article republished by another site
                kinds["near_duplicate"] += 1
            else:
                body_seed = r.getrandbits(48)
                bodies.append(body_seed)
            text, _ = page(r, site, noise, body_seed, mix)
            enc = r.random()
            if enc < 0.05:
                data = text.encode("gb18030")
                kinds["gb18030"] += 1
            elif enc < 0.07:
                data = mojibake(text)
                kinds["mojibake"] += 1
            elif enc < 0.09:
                data = text.replace("\n", "\r\n").encode("utf-8")
                kinds["crlf"] += 1
            else:
                data = text.encode("utf-8")
                kinds["page"] += 1
        (folder / f"{i:07d}.txt").write_bytes(data)
        written += len(data)
        if len(previous) < 64:
            previous.append(data)
        elif r.random() < 0.05:
            previous[r.randrange(64)] = data
    info = {"documents": n, "seed": seed, "bytes": written, "kinds": kinds} | ({"mix": mix} if mix != "news" else {})
    (out / ".corpus.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write the pages into")
    ap.add_argument("-n", "--documents", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mix", default="news", choices=MIXES, help="news: 14-48 paragraphs; crawl: lengths of a crawl")
    args = ap.parse_args(argv)
    info = generate(args.out, args.documents, args.seed, mix=args.mix)
    print(f"{info['documents']} documents, {info['bytes'] / 1e6:.1f} MB in {args.out}  {info['kinds']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
