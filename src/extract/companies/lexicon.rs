//! Word lists that decide where an unknown company name starts and whether
//! what sits before a suffix is a name at all. All entries are simplified
//! script (the matchers read folded text).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Chinese suffixes that end a company name, with what they tell us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Suffix {
    /// A word that joins a run but never ends a name alone (网络, 信息技术).
    Filler,
    /// A line of business (科技, 乳业, 物流): a name only after a short,
    /// distinctive core.
    Industry,
    /// 银行, 证券: the core may be a place (哈尔滨银行).
    Bank,
    /// 公司, 集团, 控股.
    Company,
    /// 有限公司, 股份有限公司: the strongest sign.
    Legal,
    /// 分公司, 分行, 事业部: a unit of the company before it.
    Branch,
    /// 子公司, 母公司: a relation, never a name.
    NotName,
    /// Co., Ltd, Inc., Corp., LLC, PLC
    EnLegal,
    /// Group, Holdings, Bank
    EnGroup,
}

pub const ZH_SUFFIXES: &[(&str, Suffix)] = &[
    ("股份有限公司", Suffix::Legal),
    ("有限责任公司", Suffix::Legal),
    ("有限公司", Suffix::Legal),
    ("股份公司", Suffix::Legal),
    ("株式会社", Suffix::Legal),
    ("集团公司", Suffix::Company),
    ("公司", Suffix::Company),
    ("集团", Suffix::Company),
    ("控股", Suffix::Company),
    ("银行", Suffix::Bank),
    ("证券", Suffix::Bank),
    ("科技", Suffix::Industry),
    ("乳业", Suffix::Industry),
    ("酒业", Suffix::Industry),
    ("药业", Suffix::Industry),
    ("物流", Suffix::Industry),
    ("电器", Suffix::Industry),
    ("置业", Suffix::Industry),
    ("传媒", Suffix::Industry),
    ("食品", Suffix::Industry),
    ("制药", Suffix::Industry),
    ("味业", Suffix::Industry),
    ("网络", Suffix::Filler),
    ("信息技术", Suffix::Filler),
    ("网络技术", Suffix::Filler),
    ("技术", Suffix::Filler),
    ("股份", Suffix::Filler),
    ("分公司", Suffix::Branch),
    ("分行", Suffix::Branch),
    ("支行", Suffix::Branch),
    ("营业部", Suffix::Branch),
    ("办事处", Suffix::Branch),
    ("事业部", Suffix::Branch),
    ("事业群", Suffix::Branch),
    ("子公司", Suffix::NotName),
    ("母公司", Suffix::NotName),
    ("总公司", Suffix::NotName),
    ("孙公司", Suffix::NotName),
    ("分支机构", Suffix::NotName),
];

pub const EN_SUFFIXES: &[(&str, Suffix)] = &[
    ("Co.", Suffix::EnLegal),
    ("Co", Suffix::EnLegal),
    ("Company", Suffix::EnLegal),
    ("Corp.", Suffix::EnLegal),
    ("Corp", Suffix::EnLegal),
    ("Corporation", Suffix::EnLegal),
    ("Inc.", Suffix::EnLegal),
    ("Inc", Suffix::EnLegal),
    ("Ltd.", Suffix::EnLegal),
    ("Ltd", Suffix::EnLegal),
    ("Limited", Suffix::EnLegal),
    ("LLC", Suffix::EnLegal),
    ("PLC", Suffix::EnLegal),
    ("Plc", Suffix::EnLegal),
    ("plc", Suffix::EnLegal),
    ("GmbH", Suffix::EnLegal),
    ("AG", Suffix::EnLegal),
    ("Bhd", Suffix::EnLegal),
    ("Berhad", Suffix::EnLegal),
    ("S.A.", Suffix::EnLegal),
    ("N.V.", Suffix::EnLegal),
    ("Group", Suffix::EnGroup),
    ("Holdings", Suffix::EnGroup),
    ("Holding", Suffix::EnGroup),
    ("Bank", Suffix::EnGroup),
];

/// Words that may stand between a known company's name and a legal suffix
/// without making a different company: the wording of a main operating
/// entity's registered name (深圳市腾讯计算机系统有限公司 is Tencent).
pub const FILLER: &[&str] = &[
    "计算机系统",
    "计算机",
    "实业",
    "工业",
    "企业",
    "系统",
    "网络技术",
    "网络科技",
    "信息技术",
    "信息科技",
    "网络",
    "科技",
    "技术",
    "信息",
    "软件",
    "电子商务",
    "(中国)",
    "(集团)",
    "(控股)",
    "(香港)",
    "中国",
    "控股",
    "集团",
    "股份",
    "世纪贸易",
    "网讯",
    "国际",
];

/// Lines of business: not distinctive on their own, and when they follow a
/// known company's name they make a subsidiary of its own (京东物流,
/// 北大荒通用航空公司).
pub const LINE_OF_BUSINESS: &[&str] = &[
    "通用航空",
    "航空",
    "物流",
    "快递",
    "金融",
    "支付",
    "保险",
    "人寿",
    "财险",
    "证券",
    "基金",
    "投资",
    "资本",
    "资产管理",
    "银行",
    "信托",
    "租赁",
    "地产",
    "置地",
    "置业",
    "房地产",
    "物业",
    "商业",
    "零售",
    "商贸",
    "实业",
    "发展",
    "建设",
    "建筑",
    "工程",
    "能源",
    "新能源",
    "电力",
    "石油",
    "化工",
    "钢铁",
    "矿业",
    "汽车",
    "电子",
    "电器",
    "通信",
    "通讯",
    "医药",
    "药业",
    "制药",
    "医疗",
    "健康",
    "生物",
    "食品",
    "乳业",
    "酒业",
    "饮料",
    "农业",
    "农牧",
    "牧业",
    "传媒",
    "文化",
    "旅游",
    "教育",
    "数字",
    "数据",
    "智能",
    "云计算",
    "电商",
    "网络",
    "科技",
    "技术",
    "信息",
    "软件",
    "服务",
    "供应链",
    "贸易",
    "制造",
    "机械",
    "材料",
    "环保",
    "餐饮",
    "酒店",
    "航运",
    "港口",
    "铁路",
    "交通",
    "运输",
    "仓储",
    "销售",
    // Sectors: a name only after a distinctive core (快餐集团 is generic).
    "快餐",
    "火锅",
    "茶饮",
    "咖啡",
    "烘焙",
    "白酒",
    "啤酒",
    "葡萄酒",
    "乳品",
    "家电",
    "手机",
    "芯片",
    "半导体",
    "光伏",
    "锂电",
    "电池",
    "珠宝",
    "服装",
    "家居",
    "美妆",
    "化妆品",
    "日化",
    "母婴",
    "宠物",
    "生鲜",
    "水果",
    "蔬菜",
    "粮油",
    "饲料",
    "种业",
    "养殖",
    "冷链",
    "快消",
    "游戏",
    "影视",
    "广告",
    "咨询",
];

/// Lines of business in English, for the canonical of a subsidiary named
/// after a listed parent (北大荒 + 通用航空 + 公司 -> Beidahuang General Aviation Co).
pub const EN_LOB: &[(&str, &str)] = &[
    ("通用航空", "General Aviation"),
    ("航空", "Aviation"),
    ("物流", "Logistics"),
    ("快递", "Express"),
    ("金融", "Finance"),
    ("支付", "Payment"),
    ("保险", "Insurance"),
    ("人寿", "Life"),
    ("证券", "Securities"),
    ("基金", "Fund"),
    ("投资", "Investment"),
    ("资本", "Capital"),
    ("资产管理", "Asset Management"),
    ("信托", "Trust"),
    ("租赁", "Leasing"),
    ("地产", "Property"),
    ("房地产", "Real Estate"),
    ("置地", "Land"),
    ("物业", "Property Services"),
    ("零售", "Retail"),
    ("商贸", "Trading"),
    ("贸易", "Trading"),
    ("能源", "Energy"),
    ("新能源", "New Energy"),
    ("电力", "Power"),
    ("石油", "Petroleum"),
    ("化工", "Chemical"),
    ("钢铁", "Steel"),
    ("矿业", "Mining"),
    ("汽车", "Auto"),
    ("电子", "Electronics"),
    ("医药", "Pharmaceutical"),
    ("医疗", "Medical"),
    ("健康", "Health"),
    ("生物", "Biotech"),
    ("食品", "Foods"),
    ("乳业", "Dairy"),
    ("酒业", "Liquor"),
    ("饮料", "Beverage"),
    ("农业", "Agriculture"),
    ("牧业", "Animal Husbandry"),
    ("传媒", "Media"),
    ("文化", "Culture"),
    ("旅游", "Tourism"),
    ("教育", "Education"),
    ("云计算", "Cloud Computing"),
    ("电商", "E-commerce"),
    ("软件", "Software"),
    ("供应链", "Supply Chain"),
    ("机械", "Machinery"),
    ("材料", "Materials"),
    ("航运", "Shipping"),
    ("仓储", "Warehousing"),
];

/// Words that describe a kind of company; a suffix right after one of these
/// makes a generic phrase (中小银行, 商业银行, 上市公司, 金融科技).
pub const MODIFIERS: &[&str] = &[
    "初创",
    "新创",
    "中小",
    "大型",
    "小型",
    "中型",
    "微型",
    "商业",
    "农村",
    "农商",
    "城商",
    "村镇",
    "民营",
    "国有",
    "国营",
    "私营",
    "外资",
    "合资",
    "中资",
    "港资",
    "股份制",
    "地方",
    "城市",
    "上市",
    "非上市",
    "知名",
    "龙头",
    "相关",
    "有关",
    "各大",
    "多家",
    "这家",
    "那家",
    "一家",
    "两家",
    "该",
    "本",
    "此",
    "其",
    "贵",
    "新型",
    "实体",
    "互联网",
    "电商",
    "电子商务",
    "传统",
    "本地",
    "当地",
    "国内",
    "海外",
    "境外",
    "全球",
    "主要",
    "部分",
    "其他",
    "其它",
    "领先",
    "头部",
    "大",
    "小",
    "新",
    "老",
    "高",
    "黑",
    "金融",
    "数字",
    "农业",
    "现代",
    "智能",
    "智慧",
    "航空",
    "冷链",
    "供应链",
    "快递",
    "平台",
    "独角兽",
    "科创",
    "创新",
    "投资",
    "控股",
    "参股",
    "全资",
    "中央",
    "央企",
    "国家",
    "集团",
    "物流",
    "物联网",
    "信息",
    "网络",
    "生物",
    "医药",
    "能源",
    "外国",
    "跨国",
    "美国",
    "中国",
    "同类",
    "同行",
    "竞争",
    "合作",
    "伙伴",
    "第三方",
    "皮包",
    "空壳",
    // Scope and role words: 县域物流, 配套物流, 跨境电商.
    "县域",
    "乡村",
    "城乡",
    "区域",
    "跨境",
    "配套",
    "同城",
    "即时",
    "末端",
    "生鲜",
    "农产品",
    "社区",
];

/// Single characters a company name (short of a legal suffix) does not
/// contain: grammatical words and punctuation-like characters.
pub const STOP_CHARS: &str = "的与和及同在是由向对将把被为了等就也还都从于给让跟以据称说其该这那而并或且但又再已曾会要能可每某此年月届个之所着过向即";

/// Words that end a clause before a name (verbs, titles, connectors).
pub const STOP_WORDS: &[&str] = &[
    "接近",
    "靠近",
    // kinds of business as a descriptor: 乳企河南花花牛乳业集团
    "乳企",
    "车企",
    "房企",
    "药企",
    "险企",
    "酒企",
    "券商",
    "签约",
    "签署",
    "成立",
    "收购",
    "并购",
    "入股",
    "注资",
    "注册",
    "设立",
    "组建",
    "携手",
    "联合",
    "联手",
    "宣布",
    "表示",
    "透露",
    "加入",
    "投资",
    "投入",
    "参股",
    "引进",
    "支持",
    "帮助",
    "通过",
    "包括",
    "例如",
    "比如",
    "作为",
    "成为",
    "属于",
    "隶属",
    "来自",
    "旗下",
    "以及",
    "还有",
    "或者",
    "出席",
    "代表",
    "负责人",
    "董事长",
    "总经理",
    "总裁",
    "创始人",
    "发展",
    "建设",
    "推进",
    "推动",
    "加快",
    "开展",
    "提供",
    "打造",
    "实现",
    "加强",
    "促进",
    "完善",
    "提升",
    "建立",
    "形成",
    "进行",
    "参与",
    "覆盖",
    "拓展",
    "布局",
    "升级",
    "整合",
    "依托",
    "借助",
    "利用",
    "引导",
    "运营",
    "管理",
    "合作",
    "对接",
    "落户",
    "入驻",
    "聚焦",
    "解读",
    "对话",
    "发布",
    "推出",
    "上线",
    "开设",
    "获得",
    "拥有",
    "持有",
    "控制",
    "起诉",
    "状告",
    "起步",
    "认为",
    "指出",
    "介绍",
    "获悉",
    "报道",
    "消息",
    "记者",
    "显示",
    "数据",
    "其中",
    "目前",
    "今年",
    "去年",
    "明年",
    "近日",
    "日前",
    "昨日",
    "昨天",
    "今天",
    "当天",
    "据悉",
    // Role nouns: what follows is the named party (配送服务商深圳市…有限公司).
    "服务商",
    "供应商",
    "运营商",
    "承包商",
    "经销商",
    "代理商",
    "合作伙伴",
    "子公司",
    "母公司",
    // Words that introduce a name (原名某某有限公司, 全称某某股份有限公司).
    "原名",
    "曾用名",
    "前身",
    "现名",
    "更名",
    "改名",
    "又名",
    "全称",
    // Descriptions of standing (行业龙头青岚股份, 乳业巨头伊利).
    "龙头",
    "巨头",
    // Time words and sentence adverbs are never a name (如今公司拥有).
    "如今",
    "而今",
    "眼下",
    "当时",
    "当前",
    "现在",
    "此后",
    "此前",
    "随后",
    "后来",
    "同时",
    "最近",
    "近年",
    "此外",
    "另外",
    "因此",
    "不过",
    "然而",
    // Time words and market labels never open a name (今年以来A股银行).
    "以来",
    "以后",
    "以前",
    "之后",
    "A股",
    "港股",
    "美股",
];

/// Common words whose first character may end a longer gazetteer name
/// (京东方 + 面 in 京东方面): the shorter name plus the word is the reading.
pub const TAIL_WORDS: &[&str] = &[
    "方面", "方向", "方式", "方法", "方案", "方针", "方便", "方才", "金融",
];

/// Business words that, right after a known company name, name one of its
/// units (小米汽车, 京东汽车, 美团买菜, 美团外卖, 美团配送).
pub const UNIT_WORDS: &[&str] = &[
    "汽车",
    "买菜",
    "外卖",
    "优选",
    "到家",
    "出行",
    "物流",
    "金融",
    "健康",
    "超市",
    "支付",
    "配送",
    "新能源",
    "闪购",
];

/// Nouns that a unit word starts (配送费, 新能源汽车): then the company name
/// stands alone.
pub const UNIT_WORD_NOUNS: &[&str] = &[
    "汽车", "车", "费", "员", "小哥", "骑手", "部", "站", "园", "中心", "网点",
];

/// Words after X等 that make X one of a list of companies (平安等保险公司,
/// 美的等家电企业).
pub const LIST_HEADS: &[&str] = &[
    "公司", "企业", "集团", "巨头", "品牌", "平台", "机构", "银行", "险企", "车企", "药企", "房企",
    "乳企", "酒企", "厂商", "商家", "电商", "快递",
];

/// X等 + a few characters + a word for companies: X is in a list of them.
pub fn heads_a_list_of_companies(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('等') else {
        return false;
    };
    let window: String = rest.chars().take(8).take_while(|c| is_han(*c)).collect();
    LIST_HEADS.iter().any(|h| window.contains(h))
}

/// Words that describe what kind of business follows (茶餐厅连锁 + a name):
/// a name starts after them, unless they are part of it (红旗连锁股份有限公司,
/// 某某连锁超市).
const DESCRIPTORS: &[&str] = &["连锁"];

/// What follows 连锁 inside a chain's own name.
const CHAIN_NOUNS: &[&str] = &[
    "超市",
    "药店",
    "药房",
    "大药房",
    "酒店",
    "餐饮",
    "商业",
    "经营",
    "便利",
    "百货",
    "零售",
    "店",
    "商超",
    "管理",
    "企业",
    "股份",
    "有限",
    "集团",
    "控股",
    "服务",
    "公司",
    "发展",
    "实业",
    "销售",
];

/// Whether a descriptor ends at `pos` and what follows is not its noun.
pub fn descriptor_before(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    DESCRIPTORS.iter().any(|d| before.ends_with(d))
        && starts_with_any(&text[pos..], CHAIN_NOUNS).is_none()
}

/// Places that open many Chinese company names (河北点芯..., 北京银泰...).
pub const PLACES: &[&str] = &[
    "中国",
    "全国",
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "东北",
    "华北",
    "华东",
    "华南",
    "华中",
    "西南",
    "西北",
    "江浙",
    "长三角",
    "珠三角",
    "京津冀",
    "深圳",
    "广州",
    "杭州",
    "南京",
    "武汉",
    "成都",
    "西安",
    "沈阳",
    "哈尔滨",
    "长春",
    "大连",
    "青岛",
    "济南",
    "郑州",
    "长沙",
    "苏州",
    "无锡",
    "宁波",
    "厦门",
    "福州",
    "合肥",
    "南昌",
    "昆明",
    "贵阳",
    "南宁",
    "太原",
    "石家庄",
    "呼和浩特",
    "兰州",
    "乌鲁木齐",
    "东莞",
    "佛山",
    "珠海",
    "温州",
    "沧州",
    "海口",
    "三亚",
    "拉萨",
    "银川",
    "西宁",
    "常州",
    "南通",
    "徐州",
    "烟台",
    "潍坊",
    "绍兴",
    "嘉兴",
    "金华",
    "义乌",
    "泉州",
    "惠州",
    "中山",
    "江门",
    "汕头",
    "洛阳",
    "宜昌",
    "襄阳",
    "株洲",
    "绵阳",
    "遵义",
    "大庆",
    "齐齐哈尔",
    "鞍山",
    "吉林省",
    "美国",
    "日本",
    "韩国",
    "英国",
    "德国",
    "法国",
    "亚洲",
    "欧洲",
    "北美",
    "全球",
    "国际",
];

/// Chinese place-name endings: 沧州市, 运河区, 饶河县.
pub const PLACE_ENDINGS: &str = "省市县区镇乡村州旗";

/// Right after a Chinese suffix, these make it part of a longer common noun
/// (银行业, 科技园, 物流中心, 集团化, 公司法).
pub const CONTINUATIONS: &[&str] = &[
    "业",
    "园",
    "馆",
    "城",
    "部",
    "厅",
    "局",
    "委",
    "股",
    "卡",
    "间",
    "家",
    "法",
    "制",
    "化",
    "界",
    "圈",
    "网",
    "体系",
    "中心",
    "基地",
    "行业",
    "产业",
    "领域",
    "业务",
    "服务",
    "平台",
    "模式",
    "系统",
    "账户",
    "网点",
    "治理",
    "创新",
    "企业",
    "公司",
    "人才",
    "水平",
    "能力",
    "发展",
    "建设",
    "成果",
    "论坛",
    "峰会",
    "大会",
    "高峰",
    "产品",
    "手段",
    "设施",
    "时代",
    "革命",
    "力量",
    "实力",
    "含量",
    "成本",
    "配送",
    "仓储",
    "军",
    "交易所",
    "报",
    "日报",
    "时报",
    "市场",
];

/// English words that open a sentence or a phrase rather than a name.
pub const EN_LEADING_STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "Their",
    "Our",
    "His",
    "Her",
    "In",
    "On",
    "At",
    "By",
    "For",
    "With",
    "From",
    "And",
    "But",
    "Or",
    "As",
    "Of",
    "To",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Shares",
    "Rival",
    "Both",
    "Unlike",
    "Meanwhile",
    "However",
    "Also",
    "Chinese",
    "China's",
    "China’s",
    "US",
    "U.S.",
    "Under",
    "Including",
    "Said",
    "Says",
    "Sources",
    "Analysts",
    "Investors",
    "Mr",
    "Mr.",
    "Ms",
    "Ms.",
    "CEO",
    "Chairman",
    "Chief",
    "Executive",
    "New",
    "Former",
    "State-owned",
    "State-run",
];

/// English words too generic to be a company name before a suffix.
pub const EN_GENERIC: &[&str] = &[
    "State",
    "Central",
    "World",
    "National",
    "Federal",
    "Reserve",
    "Investment",
    "Development",
    "Commercial",
    "Private",
    "Public",
    "Holding",
    "Holdings",
    "Group",
    "Company",
    "Corporate",
    "Financial",
    "Regional",
    "Local",
    "Global",
    "International",
    "Parent",
    "Subsidiary",
    "Joint",
    "Venture",
    "Trust",
    "Policy",
    "Rural",
    "City",
    "Retail",
    "Investment",
    "Internet",
    "Tech",
    "Technology",
    "China",
    "Chinese",
    "Asian",
    "European",
    "American",
    "Big",
    "Four",
    "Top",
    "Leading",
    "Major",
];

/// Determiners and quantifiers: what follows them is described, not named.
pub const DETERMINERS: &[&str] = &[
    "一家", "这家", "那家", "该", "某", "多家", "几家", "每家", "两家", "各家", "当地", "本地",
    "一些", "这些", "那些", "其", "本", "各",
];

/// Words that make an English capitalized phrase an organisation other than
/// a company (State Council Leading Group, Harvard University).
pub const EN_ORG_WORDS: &[&str] = &[
    "Council",
    "Leading",
    "Office",
    "Ministry",
    "Commission",
    "Committee",
    "Bureau",
    "Administration",
    "Department",
    "Government",
    "Party",
    "Working",
    "Task",
    "Force",
    "Advisory",
    "University",
    "Institute",
    "Association",
    "Federation",
    "Union",
    "Academy",
    "School",
    "College",
    "Court",
    "Congress",
    "Parliament",
    "Police",
    "Army",
    "Agency",
    "Authority",
    "Regulatory",
    "Central",
    "People's",
    "People’s",
    "Reserve",
    "Fund",
    "Monetary",
    "Province",
    "Municipal",
    "City",
    "County",
    "District",
];

/// Words right after a context-only name that make it a company
/// (美的表示, Visa said, Ant's).
pub const CONFIRM_AFTER: &[&str] = &[
    "表示",
    "宣布",
    "称",
    "公告",
    "股价",
    "股份",
    "旗下",
    "董事长",
    "总裁",
    "创始人",
    "CEO",
    "发布",
    "财报",
    "市值",
    "上市",
    "回应",
    "高管",
    "员工",
    "分析师",
    " said",
    " says",
    " announced",
    " reported",
    " shares",
    " Inc",
    " Group",
    "'s ",
    "’s ",
    " CEO",
    " chief",
    " stock",
];

/// Words right before a context-only name that make it a company
/// (analysts at Bernstein).
pub const CONFIRM_BEFORE: &[&str] = &[
    "analysts at ",
    "analyst at ",
    "Analysts at ",
    "economists at ",
    "economist at ",
    "strategists at ",
    "strategist at ",
];

/// Places that open English company names (Zhejiang Geely Holding Group).
pub const EN_PLACES: &[&str] = &[
    "China",
    "Beijing",
    "Shanghai",
    "Tianjin",
    "Chongqing",
    "Shenzhen",
    "Guangzhou",
    "Hangzhou",
    "Zhejiang",
    "Jiangsu",
    "Guangdong",
    "Shandong",
    "Fujian",
    "Sichuan",
    "Hubei",
    "Hunan",
    "Henan",
    "Hebei",
    "Anhui",
    "Liaoning",
    "Jilin",
    "Heilongjiang",
    "Shaanxi",
    "Shanxi",
    "Yunnan",
    "Guizhou",
    "Jiangxi",
    "Hainan",
    "Gansu",
    "Qinghai",
    "Ningxia",
    "Xinjiang",
    "Tibet",
    "Guangxi",
    "Inner",
    "Mongolia",
    "Hong",
    "Kong",
    "Macau",
    "Taiwan",
    "Dalian",
    "Qingdao",
    "Xiamen",
    "Wuhan",
    "Nanjing",
    "Suzhou",
    "Harbin",
    "Shenyang",
    "Changchun",
    "Chengdu",
    "Xi'an",
    "Ningbo",
    "Macao",
    "Shijiazhuang",
    "Taiyuan",
    "Hohhot",
    "Nanning",
    "Kunming",
    "Guiyang",
    "Lanzhou",
    "Xining",
    "Yinchuan",
    "Urumqi",
    "Lhasa",
    "Haikou",
    "Sanya",
    "Fuzhou",
    "Nanchang",
    "Hefei",
    "Jinan",
    "Zhengzhou",
    "Changsha",
    "Wuxi",
    "Changzhou",
    "Nantong",
    "Xuzhou",
    "Yangzhou",
    "Wenzhou",
    "Shaoxing",
    "Jiaxing",
    "Jinhua",
    "Yiwu",
    "Taizhou",
    "Quanzhou",
    "Foshan",
    "Dongguan",
    "Zhuhai",
    "Huizhou",
    "Zhongshan",
    "Shantou",
    "Baise",
    "Liuzhou",
    "Guilin",
    "Luoyang",
    "Yichang",
    "Xiangyang",
    "Zhuzhou",
    "Mianyang",
    "Zunyi",
    "Daqing",
    "Qiqihar",
    "Jiamusi",
    "Mudanjiang",
    "Anshan",
    "Tangshan",
    "Baoding",
    "Cangzhou",
    "Weifang",
    "Yantai",
    "Zibo",
    "Linyi",
    "Ganzhou",
    "Wuhu",
    "Zhoushan",
    "Kashgar",
    "Taipei",
    "Kaohsiung",
    "Taichung",
    "Tainan",
    "Hsinchu",
    "Kowloon",
    "Asia",
    "Europe",
    "Japan",
    "Korea",
    "Singapore",
    "Malaysia",
    "Thailand",
    "Vietnam",
    "Indonesia",
    "India",
    "Australia",
    "Canada",
    "America",
    "Germany",
    "France",
    "Britain",
];

/// English filler between a known name and a legal suffix (same company).
pub const EN_FILLER: &[&str] = &[
    "Holding",
    "Holdings",
    "Group",
    "International",
    "Limited",
    "Co.",
    "Co",
    "Ltd",
    "Ltd.",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Company",
    "(China)",
    "China",
    "Technology",
    "Bhd",
    "Berhad",
    "Commerce",
    "Industries",
    "Industrial",
    "Enterprises",
    "Technologies",
    "Motor",
    "Motors",
    "Automobile",
];

/// A word list indexed by first and last character, for the hot paths.
/// Keyed by a character: FxHash, as SipHash's guard against chosen keys is
/// not needed for built-in lists, and these lookups run at every name.
pub struct WordSet {
    by_first: FxHashMap<char, Vec<&'static str>>,
    by_last: FxHashMap<char, Vec<&'static str>>,
}

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut by_first: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        let mut by_last: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        for w in words {
            if let (Some(f), Some(l)) = (w.chars().next(), w.chars().next_back()) {
                by_first.entry(f).or_default().push(w);
                by_last.entry(l).or_default().push(w);
            }
        }
        WordSet { by_first, by_last }
    }

    /// The longest word `s` ends with.
    pub fn suffix_of(&self, s: &str) -> Option<&'static str> {
        let last = s.chars().next_back()?;
        self.by_last
            .get(&last)?
            .iter()
            .filter(|w| s.ends_with(**w))
            .max_by_key(|w| w.len())
            .copied()
    }

    /// The longest word `s` starts with.
    pub fn prefix_of(&self, s: &str) -> Option<&'static str> {
        let first = s.chars().next()?;
        self.by_first
            .get(&first)?
            .iter()
            .filter(|w| s.starts_with(**w))
            .max_by_key(|w| w.len())
            .copied()
    }
}

impl WordSet {
    /// True when `s` is made only of words of the set (greedy, longest first).
    pub fn composes(&self, s: &str) -> bool {
        let mut rest = s;
        while !rest.is_empty() {
            match self.prefix_of(rest) {
                Some(w) => rest = &rest[w.len()..],
                None => return false,
            }
        }
        true
    }
}

/// Lines of business that hold a stop character (新能源, 智能), longest
/// first so 新能源 wins over 能源.
pub static LOB_WITH_STOP_CHARS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = LINE_OF_BUSINESS
        .iter()
        .copied()
        .filter(|w| w.chars().any(|c| in_set!(STOP_CHARS, c)))
        .collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
});

pub static PLACE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PLACES));
pub static MODIFIER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(MODIFIERS));
pub static FILLER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FILLER));
pub static DETERMINER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(DETERMINERS));
pub static STOP_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STOP_WORDS));
pub static LOB_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(LINE_OF_BUSINESS));
pub static CONTINUATION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CONTINUATIONS));

/// The longest entry of `words` that `s` starts with.
pub fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// The longest entry of `words` that `s` ends with.
pub fn ends_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.ends_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// True when `s` is made only of entries of `words` (greedy, longest first).
pub fn composed_of(s: &str, words: &[&str]) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        match starts_with_any(rest, words) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    true
}

/// Strips leading places (广东省, 沧州市, 北京) from a core.
pub fn strip_places(s: &str) -> &str {
    let mut rest = s;
    loop {
        if let Some(p) = PLACE_SET.prefix_of(rest) {
            rest = &rest[p.len()..];
            if let Some(c) = rest.chars().next() {
                if in_set!(PLACE_ENDINGS, c) {
                    rest = &rest[c.len_utf8()..];
                }
            }
            continue;
        }
        // Two or three characters and a place ending: 沧州市, 运河区.
        // The first four characters, without a heap list (this runs for
        // every name candidate).
        let mut chars = [(0usize, ' '); 4];
        let mut count = 0;
        for (slot, ic) in chars.iter_mut().zip(rest.char_indices()) {
            *slot = ic;
            count += 1;
        }
        let chars = &chars[..count];
        let mut stripped = false;
        for n in [2usize, 3] {
            if let Some(&(i, c)) = chars.get(n) {
                if in_set!("省市县区州", c) && chars[..n].iter().all(|&(_, h)| is_han(h)) {
                    rest = &rest[i + c.len_utf8()..];
                    stripped = true;
                    break;
                }
            }
        }
        if !stripped {
            return rest;
        }
    }
}

/// True when `s` names only a place (东北区, 沧州市, 黑龙江省, 北京).
pub fn is_place(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    if strip_places(s).is_empty() {
        return true;
    }
    let n = s.chars().count();
    let last = s.chars().last().unwrap_or(' ');
    (2..=5).contains(&n) && in_set!(PLACE_ENDINGS, last) && s.chars().all(is_han)
}

pub fn is_han(c: char) -> bool {
    crate::extract::script::is_han(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        assert!(is_place("东北区"));
        assert!(is_place("运河区"));
        assert!(is_place("黑龙江省"));
        assert!(is_place("北京"));
        assert!(!is_place("点芯"));
        assert_eq!(strip_places("河北点芯"), "点芯");
        assert_eq!(strip_places("沧州市运河区"), "");
    }

    #[test]
    fn composition() {
        assert!(composed_of("计算机系统", FILLER));
        assert!(composed_of("网络科技", FILLER));
        assert!(!composed_of("通用航空", FILLER));
        assert!(composed_of("通用航空", LINE_OF_BUSINESS));
    }
}
