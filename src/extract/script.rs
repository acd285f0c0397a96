//! Script folding: traditional Chinese characters to their simplified forms,
//! so one pattern (or one gazetteer alias) serves both scripts.
//!
//! The table holds characters whose traditional form has a single simplified
//! counterpart in business news (and in the trade's words: 債券, 併購,
//! 槓桿, 農曆, 充電樁). Characters with several readings in
//! simplified text (乾, 著, 藉) are left out on purpose.

/// Pairs of (traditional, simplified), written one after the other.
const PAIRS: &str = "亂乱亞亚來来侖仑侶侣俠侠倉仓個个們们倫伦偉伟側侧偵侦偽伪傘伞備备傭佣傳传傷伤僅仅僉佥僑侨僥侥價价儀仪儂侬億亿儈侩儕侪優优儲储儼俨兌兑兒儿內内兩两冊册凍冻凜凛凱凯別别刪删剄刭則则剗刬剛刚創创劃划劇剧劉刘劊刽劌刿劍剑勁劲動动務务勞劳勢势勱劢勳勋勵励勸劝勻匀匭匦匯汇匱匮區区協协卻却厙厍厭厌厲厉參参吳吴員员問问啞哑啟启喪丧喬乔單单喲哟嗎吗嗚呜嘆叹嘗尝嘩哗嘯啸嚇吓嚨咙嚴严國国圍围園园圓圆圖图團团執执堅坚堯尧報报場场塊块塚冢塢坞塵尘塹堑墊垫墜坠墳坟墾垦壇坛壓压壘垒壞坏壟垄壩坝壺壶壽寿夠够夥伙夾夹奪夺奮奋婦妇媽妈嫵妩嫻娴孫孙學学宮宫實实寧宁審审寫写寬宽寵宠寶宝將将專专尋寻對对導导屆届層层屬属岡冈島岛崗岗崙仑嶺岭嶽岳巖岩帥帅師师帳帐帶带幣币幫帮幾几庫库廁厕廟庙廠厂廣广廬庐廳厅張张強强彈弹彌弥彎弯彥彦後后徑径從从復复徹彻惡恶惱恼態态慣惯慶庆憑凭憤愤憲宪憶忆懇恳應应懶懒懷怀懸悬戀恋戰战戲戏戶户掃扫掛挂揀拣揚扬換换揮挥損损搖摇搗捣搶抢摯挚撈捞撐撑撥拨撫抚撿捡擁拥擄掳擇择擊击擔担據据擠挤擬拟擰拧擲掷擴扩擾扰攏拢攔拦敘叙敵敌數数斂敛斬斩斷断於于時时暢畅暫暂曉晓曠旷曬晒書书會会朧胧東东條条棄弃棗枣棧栈楊杨業业極极構构槍枪樂乐樓楼標标樞枢樣样樸朴樹树橋桥機机橢椭檔档檯台檸柠櫃柜欄栏權权歐欧歡欢歲岁歷历歸归殘残殺杀殼壳毀毁毆殴氣气決决沒没況况涼凉淨净減减測测渾浑湊凑湯汤準准溝沟溫温滅灭滙汇滬沪滿满漁渔漢汉漲涨漸渐潑泼潔洁潛潜潤润澀涩澇涝澤泽濁浊濃浓濟济濤涛濫滥濱滨濾滤瀋沈瀏浏瀝沥灃沣灑洒灘滩灣湾災灾為为烏乌無无煉炼煙烟煩烦熱热燈灯燒烧燙烫營营燦灿爍烁爐炉爭争爺爷爾尔牆墙牽牵犧牺狀状猶犹獄狱獅狮獎奖獨独獵猎獸兽獻献現现瑣琐瑤瑶瑪玛環环璽玺產产畝亩畫画異异當当疊叠瘋疯療疗盜盗盡尽監监盤盘盧卢眾众睜睁睞睐碩硕確确碼码磚砖礎础礦矿禍祸禪禅禮礼種种稱称積积穩稳窮穷窯窑竄窜竊窃競竞筆笔節节範范築筑簡简簽签籃篮籌筹糧粮糾纠紀纪約约紅红純纯紙纸級级紛纷紡纺紮扎細细紹绍終终組组結结絕绝絡络給给統统絲丝綁绑經经綜综綠绿綢绸綫线維维網网緊紧緒绪線线緣缘編编緩缓練练縉缙縣县縫缝縮缩縱纵總总績绩織织繪绘繼继續续纖纤纜缆罰罚罷罢羅罗義义習习聖圣聯联聰聪聲声職职聽听肅肃脫脱腦脑腳脚膚肤膠胶膽胆臉脸臟脏臨临臺台與与興兴舉举舊旧艦舰艱艰芻刍茲兹莊庄莖茎華华萬万葉叶蒼苍蓋盖蔣蒋蕪芜蕭萧薦荐薩萨藍蓝藝艺藥药蘇苏蘊蕴蘋苹蘭兰蘿萝處处虛虚號号虧亏蝦虾螢萤蟲虫蠶蚕蠻蛮衆众術术衛卫衝冲裏里補补裝装製制襲袭規规視视親亲覺觉覽览觀观訂订計计訊讯討讨訓训記记訪访設设許许訴诉診诊詐诈評评詞词詠咏詢询試试詩诗話话該该詳详誇夸誌志認认誕诞誘诱語语誠诚誤误說说調调談谈請请論论諮咨諸诸諾诺謀谋謂谓謊谎講讲謝谢謹谨證证識识譜谱譯译議议護护讀读變变讓让豈岂豎竖豐丰豬猪貓猫貝贝負负財财貢贡貧贫貨货販贩貫贯責责買买貸贷費费貼贴貿贸賀贺資资賓宾賜赐賞赏賠赔賢贤賣卖賦赋質质賬账賴赖賺赚購购賽赛贈赠贊赞贏赢贛赣趕赶趙赵趨趋跡迹踐践蹤踪躍跃車车軌轨軍军軟软軸轴較较載载輔辅輕轻輛辆輩辈輪轮輯辑輸输轄辖轉转轟轰辦办辭辞農农這这連连週周進进遊游運运過过遙遥遜逊遞递遠远適适遲迟遷迁選选遺遗遼辽還还邊边郵邮鄉乡鄒邹鄧邓鄭郑鄰邻醜丑醫医醬酱釀酿釋释鈔钞鈴铃鉛铅銀银銅铜銷销鋁铝鋒锋鋪铺鋼钢錄录錢钱錦锦錯错鍋锅鍵键鍾钟鎖锁鎮镇鏈链鏟铲鏡镜鐘钟鐵铁鑄铸鑑鉴鑿凿長长門门閃闪閉闭開开閑闲間间閣阁閱阅闆板闊阔闖闯關关闡阐闢辟陝陕陣阵陰阴陳陈陸陆陽阳隊队階阶際际隨随險险隱隐隴陇隸隶雖虽雙双雜杂雞鸡離离難难雲云電电霧雾靂雳靈灵靜静韋韦韌韧韓韩響响頁页頂顶項项順顺須须頌颂預预頒颁頓顿頗颇領领頭头頸颈頻频顆颗題题額额顏颜願愿顛颠類类顧顾顫颤顯显風风颱台颳刮飄飘飛飞飯饭飲饮飼饲飽饱餅饼養养餓饿餘余館馆餵喂饑饥饒饶馬马馮冯駐驻騎骑騰腾驅驱驕骄驗验驚惊驟骤驢驴髒脏體体髮发鬆松鬥斗鬧闹魚鱼魯鲁鮮鲜鯉鲤鯨鲸鳥鸟鳳凤鳴鸣鴨鸭鴻鸿鵝鹅鵬鹏鶴鹤鷹鹰鹵卤鹽盐麗丽麥麦麵面麼么黃黄點点黨党黴霉齊齐齋斋齒齿齡龄齣出龍龙龜龟螞蚂蟻蚁噹当愛爱憂忧恆恒勝胜發发萊莱錫锡達达畢毕峽峡橫横娛娱軒轩緯纬鋰锂奧奥嵐岚馳驰託托獲获劑剂淺浅稅税紐纽綱纲貴贵賈贾銳锐鎊镑閩闽飾饰龐庞滯滞閻阎蘆芦瓊琼穀谷榮荣濰潍韻韵輝辉驛驿債债並并併并見见聞闻檢检係系繫系廈厦攜携瀘泸嗶哔嘰叽傢家佈布僱雇儘尽註注誰谁償偿訟讼違违騙骗鞏巩紓纾賭赌攤摊嬰婴彙汇複复納纳矽硅鑽钻錶表讚赞籤签鑒鉴閒闲崑昆閔闵蓮莲賃赁贖赎貶贬峯峰啓启麪面鹹咸蔔卜薑姜豔艳釐厘醃腌樑梁粵粤嶼屿譽誉鑼锣駕驾駛驶饋馈邏逻謠谣諒谅諧谐嶄崭鎳镍鈷钴鉀钾鋅锌錳锰鈦钛鎢钨鉬钼鈀钯鉑铂鏽锈鍍镀鍛锻錠锭艙舱槳桨樁桩鈉钠鬱郁倆俩潰溃燭烛懼惧懲惩撲扑擺摆擋挡攝摄攬揽敗败晝昼暈晕曆历柵栅棟栋槓杠桿杆檻槛櫥橱氫氢汙污渦涡濕湿溼湿滾滚漬渍澱淀爛烂瓏珑癒愈盞盏矯矫砲炮禦御窩窝筍笋籠笼紋纹絨绒綻绽緝缉締缔緬缅繞绕繡绣翹翘聳耸薈荟褲裤襪袜覓觅觸触譴谴貪贪貯贮賄贿賂赂賤贱踴踊軀躯軋轧轍辙邁迈醞酝釣钓鈍钝鈕钮鉤钩銜衔鋸锯錘锤鎂镁鑰钥閘闸閥阀颶飓餃饺餡馅饅馒駁驳駝驼駭骇騷骚鴿鸽鷗鸥爲为衹只裡里隻只飆飙蕩荡盪荡穫获徵征";

const BASE: u32 = 0x3400;
const LIMIT: u32 = 0xA000;

/// Dense lookup over the CJK blocks, built at compile time (the fold reads
/// it for every CJK character): 0 means "unchanged".
static TABLE: [u16; (LIMIT - BASE) as usize] = build_table();

/// How many bytes the character that `lead` opens takes; 1 for a
/// continuation byte, so that a scan that lands on one still moves on.
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// The code point that starts at byte `i` of valid UTF-8 `b`, and its
/// length: a decoder for tables built at compile time.
pub(crate) const fn const_decode(b: &[u8], i: usize) -> (u32, usize) {
    let (len, lead) = match b[i] {
        x if x < 0x80 => (1, x as u32),
        x if x < 0xE0 => (2, (x & 0x1F) as u32),
        x if x < 0xF0 => (3, (x & 0x0F) as u32),
        x => (4, (x & 0x07) as u32),
    };
    let mut u = lead;
    let mut k = 1;
    while k < len {
        u = (u << 6) | (b[i + k] & 0x3F) as u32;
        k += 1;
    }
    (u, len)
}

const fn build_table() -> [u16; (LIMIT - BASE) as usize] {
    let mut table = [0u16; (LIMIT - BASE) as usize];
    let b = PAIRS.as_bytes();
    let (mut i, mut traditional) = (0, None);
    while i < b.len() {
        let (u, len) = const_decode(b, i);
        i += len;
        match traditional {
            None => traditional = Some(u),
            Some(t) => {
                // The fold swaps a three-byte character for a three-byte one.
                assert!(
                    0x800 <= u && u <= 0xFFFF,
                    "simplified forms are three-byte characters"
                );
                if BASE <= t && t < LIMIT {
                    table[(t - BASE) as usize] = u as u16;
                }
                traditional = None;
            }
        }
    }
    table
}

/// The simplified form of `c`, or `c` itself.
#[inline]
pub fn to_simplified(c: char) -> char {
    simplified_of(c as u32).unwrap_or(c)
}

/// One bit per code point of `TABLE`: does the table fold it? 3.4 KiB stay in
/// the L1 cache where the 54 KiB table does not, and simplified text, which
/// folds nothing, never has to read the table itself.
static FOLDS: [u64; ((LIMIT - BASE) as usize).div_ceil(64)] = {
    let mut bits = [0u64; ((LIMIT - BASE) as usize).div_ceil(64)];
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i] != 0 {
            bits[i / 64] |= 1 << (i % 64);
        }
        i += 1;
    }
    bits
};

/// The simplified form of code point `u` when the table folds it.
#[inline]
pub fn simplified_of(u: u32) -> Option<char> {
    let i = u.wrapping_sub(BASE) as usize;
    match FOLDS.get(i / 64) {
        Some(&w) if w & (1 << (i % 64)) != 0 => char::from_u32(u32::from(TABLE[i])),
        _ => None,
    }
}

/// True for a traditional-only character (one the table folds).
#[inline]
pub fn is_traditional(c: char) -> bool {
    to_simplified(c) != c
}

/// Han ideographs, including the extension blocks.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F | 0x3007)
}

/// Folds a whole string (for gazetteer aliases and user input).
pub fn simplify(s: &str) -> String {
    s.chars().map(super::fold::fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_numerals_and_names() {
        assert_eq!(simplify("萬億兩點圓"), "万亿两点圆");
        assert_eq!(simplify("阿里巴巴集團"), "阿里巴巴集团");
        assert_eq!(simplify("京東"), "京东");
        assert_eq!(simplify("菜鳥網絡"), "菜鸟网络");
        assert_eq!(simplify("攜程嗶哩嗶哩瀘州老窖"), "携程哔哩哔哩泸州老窖");
    }

    #[test]
    fn folds_the_words_of_finance_and_industry() {
        assert_eq!(
            simplify("債券併購槓桿農曆充電樁鎳鈷新聞檢測駕駛"),
            "债券并购杠杆农历充电桩镍钴新闻检测驾驶"
        );
    }

    #[test]
    fn simplified_text_is_unchanged() {
        let s = "京东集团计划未来三年投资200亿元";
        assert_eq!(simplify(s), s);
    }
}
