// Leadflow demo data: a year of realistic Chinese sales leads, loaded through the public APIs only (no SQL), so that
// a new user opens the analytics and sees full, varied numbers at once. Single file, JDK 17 only (java.net.http).
//
//   java deploy/demo/Demo.java [--leads 3000] [--seed 20240301] [--threads 8] [--run K] [--form-posts 24]
//        [--token-command deploy/local/token | --tokens FILE] [--error-log FILE] [--dry-run]
//        [--intake URL] [--routing URL] [--followup URL] [--analytics URL]
//
// deploy/local/demo runs it with the right token command and a run number; see deploy/demo/README.md.
//
// What it does, in order:
//  1. the roster (4 senior, 5 junior reps, an assistant, 2 marketing nurture reps) created by a sales manager,
//     capacities raised where a rep would otherwise fill up; three website forms created by marketing;
//  2. N leads (default 3000) registered over the past 12 months from every source, captured by marketing (staff
//     capture with a historical registeredAt) on --threads threads; a share of today's website leads posted to a
//     real public form as a browser does (urlencoded, with the form's allowed Origin, paced under the form's
//     per-address rate limit); a realistic share rejected (incomplete contact, no need described); then about 5 %
//     repeat submissions of earlier leads (same phone or email), which intake links as duplicates;
//  3. for every qualified lead, once routing assigned it and follow-up knows it: the owner, with their own token,
//     logs Table 2 follow-ups dated after the registration (电话/邮件/演示/拜访/微信/研讨会), moves the stage, and
//     records the outcome (WON with amount and win factors, LOST with a reason from GET /api/v1/lost-reasons) on
//     the day it happened. Conversion depends on source, grade and first-response speed (trade shows and referrals
//     convert better, slow first answers worse), so analytics' tables and insights have something to say.
//
// Reproducible: the same --seed gives the same leads, sources, dates, texts and dice for every lead. Phones, company
// names and emails also depend on --run, so loading twice adds a second data set instead of merging into the first
// (deploy/local/demo counts runs in .leadflow/demo/runs). Owners are chosen by routing (round robin / least loaded
// in the order its events arrive), so who got which lead may differ between two runs with the same seed.
//
// Every non-2xx answer is printed with its problem body (and written to --error-log); the run stops when more than
// 5 % of the requests fail. Expected answers that are not 2xx are counted, not hidden: 404 while waiting for
// follow-up to learn of an assignment, 303 to the thank-you page after a browser form post.

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Demo {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    // ---------------------------------------------------------------------------------------------------------------
    // Options
    // ---------------------------------------------------------------------------------------------------------------

    static int leadsWanted = 3000;
    static int threads = 8;
    static long seed = 20240301L;
    static int runNo = -1;
    static int formPostsMax = 24;
    static String intakeUrl = "http://localhost:8081";
    static String routingUrl = "http://localhost:8082";
    static String followupUrl = "http://localhost:8083";
    static String analyticsUrl = "http://localhost:8084";
    static String tokenCommand;
    static Path tokensFile;
    static Path errorLog;
    static boolean dryRun;
    static int assignTimeoutSeconds = 240;

    // Staff users (the token's user name; roles are what deploy/local/token puts in the token's groups).
    static final String MANAGER = "manager-chen";
    static final String MARKETING = "mkt-lin";
    static final String ANALYST = "analyst-wu";

    // The seller's website, where the public forms live (an example domain: nothing is ever sent there; the 303 to
    // the thank-you page is not followed).
    static final String SITE = "https://www.example.cn";

    // ---------------------------------------------------------------------------------------------------------------
    // The roster: seniority decides the pool (HIGH -> SENIOR, MEDIUM -> JUNIOR, LOW -> NURTURE/ASSISTANT by default);
    // speed multiplies how long a rep takes to answer a new lead, skill their win rate (rep-sun is the slow one).
    // ---------------------------------------------------------------------------------------------------------------

    record Rep(String id, String name, String seniority, List<String> industries, List<String> regions, double speed,
               double skill) {
        String roles() {
            return seniority.equals("NURTURE") ? "sales,marketing" : "sales";
        }
    }

    static final List<Rep> ROSTER = List.of(
            new Rep("rep-li", "李销售", "SENIOR", List.of("SOFTWARE", "INTERNET"), List.of("上海", "苏州", "南京"), 0.7, 1.10),
            new Rep("rep-wang", "王磊", "SENIOR", List.of("FINANCE", "REAL_ESTATE", "CONSULTING"), List.of("北京", "天津", "青岛"), 1.0, 1.0),
            new Rep("rep-chen", "陈静", "SENIOR", List.of("MANUFACTURING", "AUTOMOTIVE", "ENERGY"), List.of("深圳", "广州", "厦门"), 0.9, 1.05),
            new Rep("rep-liu", "刘洋", "SENIOR", List.of("RETAIL", "HEALTHCARE", "EDUCATION"), List.of("杭州", "成都", "武汉"), 1.3, 0.95),
            new Rep("rep-zhao", "赵销售", "JUNIOR", List.of("TRADE", "LOGISTICS"), List.of("杭州", "宁波"), 1.0, 1.0),
            new Rep("rep-zhou", "周敏", "JUNIOR", List.of("SOFTWARE", "INTERNET"), List.of("上海", "南京"), 0.8, 1.05),
            new Rep("rep-wu", "吴昊", "JUNIOR", List.of("MANUFACTURING"), List.of("深圳", "广州"), 1.1, 1.0),
            new Rep("rep-xu", "徐婷", "JUNIOR", List.of("RETAIL", "EDUCATION"), List.of("成都", "重庆", "西安"), 1.0, 0.95),
            new Rep("rep-sun", "孙鹏", "JUNIOR", List.of("FINANCE"), List.of("北京", "天津"), 3.0, 0.85),
            new Rep("ast-ma", "马晓雯", "ASSISTANT", List.of(), List.of(), 1.2, 1.0),
            new Rep("mkt-sun", "孙市场", "NURTURE", List.of(), List.of(), 1.0, 1.0),
            new Rep("mkt-he", "何丽", "NURTURE", List.of(), List.of(), 1.3, 1.0));

    static final Map<String, Rep> REPS = new HashMap<>();
    /** Seniority of every rep routing knows (ours and any others already in the roster). */
    static final Map<String, String> SENIORITY = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------------------------------------------------------
    // Vocabulary
    // ---------------------------------------------------------------------------------------------------------------

    static final String[] SOURCES = {"TRADE_SHOW", "WEBSITE_FORM", "PARTNER_REFERRAL", "SOCIAL_MEDIA", "CUSTOMER_REFERRAL", "OTHER"};
    static final String[] SOURCE_WORDS = {"展会", "官网表单", "合作伙伴推荐", "社交媒体", "客户转介绍", "其他"};
    static final double[] SOURCE_WEIGHTS = {0.16, 0.28, 0.13, 0.20, 0.12, 0.11};

    /** Days before today of each show's first day; the name gets the show's year. */
    static final int[] SHOW_DAYS_AGO = {332, 268, 205, 141, 77, 26};
    static final String[] SHOW_NAMES = {"上海国际数字化转型博览会", "华南智能制造展", "北京企业服务峰会", "杭州零售数字化大会",
            "成都西部企业数字化论坛", "深圳高新技术成果交易会"};
    static final String[] PARTNERS = {"金桥信息技术(渠道伙伴)", "蓝海管理咨询", "云图系统集成", "鼎诚科技(华东代理商)",
            "远航软件(渠道伙伴)", "中锐财税服务"};
    static final String[] REFERRERS = {"老客户推荐·恒泰物流", "老客户推荐·星海医药", "老客户推荐·华信精密", "老客户推荐·嘉禾连锁",
            "老客户推荐·博远教育", "老客户推荐·瑞丰贸易"};
    static final String[] OTHER_DETAILS = {"400热线来电", "销售陌拜", "行业媒体报道", "招投标信息网", "线下沙龙"};
    static final String[][] SOCIAL = { // detail, utm_source, utm_medium, campaign stem
            {"LinkedIn 行业社群", "linkedin", "social", "linkedin-b2b"},
            {"微信公众号推文", "wechat", "social", "wx-article"},
            {"知乎专栏", "zhihu", "social", "zhihu-column"},
            {"抖音企业号直播", "douyin", "live", "douyin-live"},
            {"制造业数字化交流群", "wechat_group", "community", "mfg-community"}};
    static final String[][] FORMS = { // key, name
            {"demo-home-contact", "官网首页表单"}, {"demo-free-trial", "免费试用申请"}, {"demo-pricing", "产品报价咨询"}};
    static final String[][] WEB_UTM = { // utm_source, utm_medium, campaign stem
            {"baidu", "cpc", "crm-brand-search"}, {"baidu", "organic", null}, {"google", "cpc", "erp-search"},
            {"bing", "organic", null}, {"direct", null, null}, {"360", "cpc", "jxc-search"}, {"newsletter", "email", "monthly-news"}};

    static final String[] CITIES = {"上海", "北京", "深圳", "广州", "杭州", "苏州", "南京", "成都", "武汉", "西安", "天津", "重庆",
            "青岛", "厦门", "宁波", "长沙"};
    static final double[] CITY_WEIGHTS = {14, 12, 11, 8, 9, 6, 5, 6, 5, 4, 4, 4, 3, 3, 3, 3};

    /** Industry as people type it, the word that goes into a company name, and how big such companies tend to be. */
    static final String[][] INDUSTRIES = {
            {"软件", "软件,信息技术,网络科技,数据科技"}, {"互联网", "网络科技,互联网科技,数字科技"},
            {"制造业", "机械制造,精密制造,智能装备,电子"}, {"零售", "商贸,零售连锁,百货"}, {"金融", "投资,融资租赁,保险代理"},
            {"教育", "教育科技,培训,文化传播"}, {"医疗", "医疗器械,医药,健康科技"}, {"物流", "物流,供应链管理,国际货运"},
            {"贸易", "贸易,进出口,国际贸易"}, {"房地产", "置业,物业服务,地产"}, {"能源", "新能源,能源科技,电力工程"},
            {"咨询", "管理咨询,企业服务"}, {"汽车", "汽车零部件,汽车销售服务"}};
    static final double[] INDUSTRY_WEIGHTS = {12, 7, 16, 10, 6, 6, 7, 7, 8, 4, 4, 5, 5};

    // Brand characters with their pinyin (for email domains): two or three of them make a brand.
    static final String[] BRAND_A = ("星xing 云yun 海hai 华hua 恒heng 泰tai 博bo 瑞rui 嘉jia 中zhong 新xin 天tian 金jin 鼎ding "
            + "盛sheng 启qi 明ming 宏hong 远yuan 达da 通tong 汇hui 锦jin 正zheng 德de 源yuan 智zhi 联lian 信xin 安an 宁ning 永yong "
            + "长chang 东dong 蓝lan 青qing 凯kai 铭ming 睿rui 优you 易yi 捷jie 顺shun 航hang 聚ju 同tong 万wan 富fu 亿yi 康kang "
            + "诚cheng 合he 晨chen 光guang 腾teng 百bai 卓zhuo 越yue 开kai 乐le").split(" ");
    static final String[] BRAND_B = ("辰chen 帆fan 川chuan 科ke 达da 信xin 成cheng 拓tuo 途tu 创chuang 图tu 迅xun 弘hong 和he "
            + "晟sheng 泽ze 岳yue 峰feng 翔xiang 宇yu 辉hui 桥qiao 林lin 森sen 道dao 方fang 诺nuo 恒heng 鑫xin 峻jun 澜lan "
            + "舟zhou 骏jun 达da 丰feng 盈ying 润run 泓hong 铭ming 展zhan 耀yao 晖hui 煜yu 杰jie 衡heng 远yuan 泰tai 瀚han "
            + "嘉jia 维wei 华hua 海hai 通tong 利li 兴xing 茂mao 祥xiang 隆long 安an 明ming").split(" ");
    static final String[] COMPANY_FORMS = {"有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司",
            "股份有限公司", "集团有限公司"};

    static final String[] SURNAMES = ("张zhang 王wang 李li 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma "
            + "朱zhu 胡hu 郭guo 何he 林lin 高gao 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 韩han 冯feng 邓deng 曹cao 彭peng").split(" ");
    static final String[] GIVEN = ("伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 涛tao "
            + "明ming 超chao 霞xia 平ping 刚gang 晨chen 浩hao 婷ting 欣xin 宇yu 凯kai 琳lin 斌bin 鹏peng 倩qian 雪xue 峰feng "
            + "慧hui 建jian 晓xiao 文wen 华hua").split(" ");
    static final String[] TITLES = {"经理", "总", "总监", "主管", "工", "经理", "总"};

    static final String[] PRODUCTS = {"CRM系统", "ERP系统", "进销存系统", "BI报表平台", "协同办公平台", "营销自动化"};

    static final String[] NEED_HIGH = {"需要{P},计划{M}月前上线,销售团队{K}人", "现有系统老旧,计划替换为云端{P},已立项",
            "采购{P},预算已批,希望尽快看方案", "需要{P}与财务系统打通,下月启动选型", "计划升级{P},需对接企业微信和钉钉",
            "需要{P},年底前完成招标采购", "需要CRM系统"};
    static final String[] NEED_MEDIUM = {"了解{P}模块和报价", "知晓一下{P}模块", "咨询{P}价格,想看同行业案例",
            "考虑明年做数字化转型,先了解{P}方案", "对{P}感兴趣,希望安排演示", "想了解{P}的实施周期和费用"};
    static final String[] NEED_LOW = {"仅知晓产品,暂无明确需求", "暂无采购计划,关注{P}行业资讯", "了解一下{P}产品功能",
            "先看看,{P}需求尚不明确", "参会留资,暂无需求"};

    static final String[] BUDGET_HIGH = {"10-15万", "12万", "20-30万", "8-10万", "30-50万", "15万左右", "5-8万", "18万",
            "25万", "50-80万", "10-15万"};
    static final String[] BUDGET_MEDIUM = {"待确认", "待确认", "待确认", "5-10万", "10-20万", "8万左右", "20万以内", "3-5万", "12万"};
    static final String[] BUDGET_LOW = {"待确认", "待确认", "待确认", "不确定", "暂无", "3万以下", "1-2万"};
    static final String[] CYCLE_HIGH = {"1个月", "两周", "1个月内", "3周", "20天", "1个月"};
    static final String[] CYCLE_MEDIUM = {"2-3个月", "2个月", "1-3个月", "3个月", "2-3个月", "45天"};
    static final String[] CYCLE_LOW = {"不确定", "半年", "6个月以上", "明年", "不确定", "1年"};

    static final String[] SIZE_SMALL = {"10-19人", "20-49人", "20-49人", "50-99人", "30"};
    static final String[] SIZE_BIG = {"100-199人", "200-499人", "500-999人", "1000人以上", "300", "100-199人"};

    /** Win factors per source (the first is the source's typical one), and general ones. */
    static final Map<String, String[]> WIN_FACTORS = Map.of(
            "TRADE_SHOW", new String[]{"现场互动强", "需求明确", "演示效果好"},
            "CUSTOMER_REFERRAL", new String[]{"老客户背书", "信任度高", "需求明确"},
            "PARTNER_REFERRAL", new String[]{"伙伴方案配合", "行业经验匹配", "实施能力强"},
            "WEBSITE_FORM", new String[]{"客户自主需求明确", "响应及时", "价格透明"},
            "SOCIAL_MEDIA", new String[]{"行业案例打动", "内容种草", "直播演示"},
            "OTHER", new String[]{"价格有竞争力", "交付周期短"});
    static final String[] WIN_GENERAL = {"价格有竞争力", "交付周期短", "售后服务好", "响应及时", "产品易用"};

    /** Loss-reason weights per source: BUDGET, TIMING, COMPETITOR, NO_NEED, UNRESPONSIVE, SLOW_RESPONSE, OTHER. */
    static final String[] LOSS_CODES = {"BUDGET", "TIMING", "COMPETITOR", "NO_NEED", "UNRESPONSIVE", "SLOW_RESPONSE", "OTHER"};
    static final Map<String, double[]> LOSS_WEIGHTS = Map.of(
            "TRADE_SHOW", new double[]{6, 2, 2, 1, 1, 0.5, 0.3},
            "WEBSITE_FORM", new double[]{1, 0.5, 1, 1.5, 1, 5, 0.2},
            "PARTNER_REFERRAL", new double[]{2, 2, 4, 1, 0.5, 0.5, 0.3},
            "SOCIAL_MEDIA", new double[]{1, 1, 1, 5, 3, 1, 0.3},
            "CUSTOMER_REFERRAL", new double[]{2, 3, 1, 1, 0.5, 0.3, 0.3},
            "OTHER", new double[]{1, 1, 1, 2, 2, 1, 2});
    static final Map<String, String[]> LOSS_NOTES = Map.of(
            "BUDGET", new String[]{"预算不足,明年再议", "预算被砍,项目搁置", "报价超出预算"},
            "TIMING", new String[]{"项目推迟到明年", "公司重组,暂缓采购", "等新财年预算"},
            "COMPETITOR", new String[]{"选择了竞品的低价方案", "已与现有供应商续约", "竞品提供了免费试用期"},
            "NO_NEED", new String[]{"确认暂无需求", "内部自研,不再外采", "需求与产品不符"},
            "UNRESPONSIVE", new String[]{"多次致电未接通", "邮件微信均无回复", "联系人离职,无人对接"},
            "SLOW_RESPONSE", new String[]{"客户反馈回复太慢,已与其他厂商接洽", "首次响应超过三天,客户失去兴趣", "方案迟迟未发,客户转向竞品"},
            "OTHER", new String[]{"客户公司被收购,项目取消", "总部统一采购,分公司不再单独决策", "客户业务转型"});

    // ---------------------------------------------------------------------------------------------------------------
    // A planned lead and what became of it
    // ---------------------------------------------------------------------------------------------------------------

    static final class Lead {
        final int idx;
        String source, sourceDetail, utmSource, utmMedium, utmCampaign;
        String company, contact, phone, email, wechat, need, product, industry, region, size, customerType, budget,
                cycle, intent;
        boolean consent;
        ZonedDateTime registered;
        String plannedGrade;
        String rejectKind;          // null, PHONE_INVALID, EMAIL_DISPOSABLE, NEED_MISSING
        String formKey;             // posted to this public form (registered now)
        Lead duplicateOf;           // a repeat submission of that lead
        // results
        volatile String leadId, status, outcome, matchedOn;
        volatile String grade, ownerId, fate, result;
        volatile int followUps;

        Lead(int idx) {
            this.idx = idx;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Counters
    // ---------------------------------------------------------------------------------------------------------------

    static final LongAdder REQUESTS = new LongAdder();
    static final LongAdder ERRORS = new LongAdder();
    static final LongAdder RETRIES = new LongAdder();
    static final LongAdder POLLS = new LongAdder();
    static final LongAdder FOLLOW_UPS = new LongAdder();
    static final LongAdder STAGES = new LongAdder();
    static final LongAdder REGRADES = new LongAdder();
    static final LongAdder WON = new LongAdder();
    static final LongAdder LOST = new LongAdder();
    static final LongAdder ASSIGNED = new LongAdder();
    static final LongAdder NOT_ASSIGNED = new LongAdder();
    static final LongAdder FORM_POSTS = new LongAdder();
    static final Map<String, LongAdder> ERROR_KINDS = new ConcurrentHashMap<>();
    static final Map<String, LongAdder> WON_AMOUNT = new ConcurrentHashMap<>();
    static final AtomicInteger PRINTED_ERRORS = new AtomicInteger();
    static final int MAX_PRINTED_ERRORS = 40;
    static volatile boolean aborted;
    static volatile String abortReason;
    static PrintWriter errorWriter;

    static ZonedDateTime start;   // the run's "now": every historical date is at or before it
    static LocalDate today;
    static List<String> lostReasons = List.of(LOSS_CODES);

    // ---------------------------------------------------------------------------------------------------------------
    // Main
    // ---------------------------------------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        parseArgs(args);
        for (Rep rep : ROSTER) {
            REPS.put(rep.id(), rep);
            SENIORITY.put(rep.id(), rep.seniority());
        }
        start = ZonedDateTime.now(ZONE).truncatedTo(ChronoUnit.SECONDS);
        today = start.toLocalDate();
        if (runNo < 0) {
            runNo = (int) ((System.currentTimeMillis() / 60_000) % 1000);
        }
        List<Lead> plan = plan();
        List<Lead> originals = plan.stream().filter(l -> l.duplicateOf == null && l.formKey == null).toList();
        List<Lead> formLeads = plan.stream().filter(l -> l.formKey != null).toList();
        List<Lead> duplicates = plan.stream().filter(l -> l.duplicateOf != null).toList();
        out("Leadflow demo data: %d leads over %s .. %s, seed %d, run %d, %d threads%s", originals.size() + formLeads.size(),
                today.minusDays(364), today, seed, runNo, threads, dryRun ? " (dry run: nothing is sent)" : "");
        out("  plan: %d staff captures, %d public form posts, %d repeat submissions (duplicates), %d meant to be rejected",
                originals.size(), formLeads.size(), duplicates.size(), plan.stream().filter(l -> l.rejectKind != null).count());
        if (dryRun) {
            printPlan(plan);
            return;
        }
        if (errorLog != null) {
            Files.createDirectories(errorLog.toAbsolutePath().getParent());
            errorWriter = new PrintWriter(Files.newBufferedWriter(errorLog, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), true);
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            prepareTokens(pool);
            Map<String, Long> before = analyticsTotals();
            setUp();
            check();

            // Public form posts run beside everything else, paced under the per-address limit.
            CompletableFuture<Void> forms = CompletableFuture.runAsync(() -> postForms(formLeads));

            long c0 = System.nanoTime();
            Progress captures = new Progress("captures", originals.size() + duplicates.size());
            runAll(pool, originals, l -> capture(l, captures));
            check();
            runAll(pool, duplicates, l -> capture(l, captures));
            captures.done();
            check();
            long c1 = System.nanoTime();

            List<Lead> qualified = new ArrayList<>(originals.stream()
                    .filter(l -> "QUALIFIED".equals(l.status) && "CREATED".equals(l.outcome)).toList());
            duplicates.stream().filter(l -> "QUALIFIED".equals(l.status) && "CREATED".equals(l.outcome)).forEach(qualified::add);
            Progress work = new Progress("follow-up work", qualified.size() + formLeads.size());
            runAll(pool, qualified, l -> followUp(l, work));
            check();
            forms.get();
            check();
            List<Lead> postedForms = formLeads.stream().filter(l -> l.leadId != null && "CREATED".equals(l.outcome)).toList();
            runAll(pool, postedForms, l -> followUp(l, work));
            work.done();
            check();
            long c2 = System.nanoTime();

            long caughtUp = waitForAnalytics(before, plan);
            long t1 = System.nanoTime();
            summary(plan, (t1 - t0) / 1_000_000_000.0, (c1 - c0) / 1e9, (c2 - c1) / 1e9, caughtUp);
        } catch (Aborted e) {
            System.err.println();
            System.err.println("STOPPED: " + abortReason);
            System.err.printf("  %d of %d requests failed; every failure is listed above%s.%n", ERRORS.sum(), REQUESTS.sum(),
                    errorLog == null ? "" : " and in " + errorLog);
            printErrorKinds();
            pool.shutdownNow();
            System.exit(1);
        } finally {
            pool.shutdownNow();
            if (errorWriter != null) {
                errorWriter.close();
            }
        }
        System.exit(ERRORS.sum() == 0 ? 0 : 3);
    }

    static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }

    static void check() {
        if (aborted) {
            throw new Aborted();
        }
    }

    interface LeadTask {
        void run(Lead lead) throws Exception;
    }

    static void runAll(ExecutorService pool, List<Lead> leads, LeadTask task) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (Lead lead : leads) {
            futures.add(pool.submit(() -> {
                if (aborted) {
                    return null;
                }
                try {
                    task.run(lead);
                } catch (Aborted e) {
                    // stop quietly; the reason is printed once
                } catch (Exception e) {
                    error("lead #" + lead.idx + (lead.leadId == null ? "" : " " + lead.leadId) + ": " + e, null);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /** Prints a line every 10 s while a phase runs. */
    static final class Progress {
        final String name;
        final int total;
        final AtomicInteger done = new AtomicInteger();
        final long started = System.nanoTime();
        volatile long lastPrint = System.nanoTime();

        Progress(String name, int total) {
            this.name = name;
            this.total = total;
        }

        void step() {
            int d = done.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastPrint > 10_000_000_000L) {
                synchronized (this) {
                    if (now - lastPrint > 10_000_000_000L) {
                        lastPrint = now;
                        double s = (now - started) / 1e9;
                        out("  %s: %d/%d (%.0f/s), %d requests, %d errors", name, d, total, d / s, REQUESTS.sum(), ERRORS.sum());
                    }
                }
            }
        }

        void done() {
            double s = (System.nanoTime() - started) / 1e9;
            out("  %s: %d done in %.0f s (%.0f/s)", name, done.get(), s, done.get() / Math.max(s, 0.001));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arguments
    // ---------------------------------------------------------------------------------------------------------------

    static void parseArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage(0);
            }
            if (a.equals("--dry-run")) {
                dryRun = true;
                continue;
            }
            if (i + 1 >= args.length) {
                System.err.println("missing value after " + a);
                usage(2);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--leads" -> leadsWanted = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--run" -> runNo = Integer.parseInt(v);
                    case "--form-posts" -> formPostsMax = Integer.parseInt(v);
                    case "--intake" -> intakeUrl = stripSlash(v);
                    case "--routing" -> routingUrl = stripSlash(v);
                    case "--followup" -> followupUrl = stripSlash(v);
                    case "--analytics" -> analyticsUrl = stripSlash(v);
                    case "--token-command" -> tokenCommand = v;
                    case "--tokens" -> tokensFile = Path.of(v);
                    case "--error-log" -> errorLog = Path.of(v);
                    case "--assign-timeout" -> assignTimeoutSeconds = Integer.parseInt(v);
                    default -> {
                        System.err.println("unknown option " + a);
                        usage(2);
                    }
                }
            } catch (NumberFormatException e) {
                System.err.println(a + " needs a number, not '" + v + "'");
                usage(2);
            }
        }
        if (leadsWanted < 10 || leadsWanted > 99_999) {
            System.err.println("--leads must be between 10 and 99999");
            usage(2);
        }
        if (threads < 1 || threads > 64) {
            System.err.println("--threads must be between 1 and 64");
            usage(2);
        }
        if (runNo >= 1000) {
            runNo %= 1000;
        }
        if (!dryRun && tokenCommand == null && tokensFile == null) {
            System.err.println("give --token-command (e.g. deploy/local/token) or --tokens FILE (lines: user<TAB>token)");
            usage(2);
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static void usage(int code) {
        System.err.println("""
                usage: java deploy/demo/Demo.java [--leads 3000] [--seed 20240301] [--threads 8] [--run K]
                         [--form-posts 24] [--token-command deploy/local/token | --tokens FILE] [--error-log FILE]
                         [--assign-timeout 240] [--dry-run]
                         [--intake http://localhost:8081] [--routing ...:8082] [--followup ...:8083] [--analytics ...:8084]
                Normally run through deploy/local/demo, which checks the suite and passes the token command.""");
        System.exit(code);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens: minted by the token command (deploy/local/token USER ROLES), one per user, each user acting as themselves
    // ---------------------------------------------------------------------------------------------------------------

    static final Map<String, CompletableFuture<String>> TOKENS = new ConcurrentHashMap<>();

    static void prepareTokens(ExecutorService pool) throws Exception {
        if (tokensFile != null) {
            for (String line : Files.readAllLines(tokensFile)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length >= 2 && !line.startsWith("#")) {
                    TOKENS.put(parts[0], CompletableFuture.completedFuture(parts[parts.length - 1]));
                }
            }
        }
        Map<String, String> users = new LinkedHashMap<>();
        users.put(MANAGER, "sales-manager");
        users.put(MARKETING, "marketing");
        users.put(ANALYST, "analyst");
        for (Rep rep : ROSTER) {
            users.put(rep.id(), rep.roles());
        }
        long t = System.nanoTime();
        List<CompletableFuture<String>> all = new ArrayList<>();
        users.forEach((user, roles) -> all.add(tokenFuture(user, roles)));
        for (CompletableFuture<String> f : all) {
            f.get();
        }
        out("  tokens: %d users (%s for staff, each rep their own) in %.1f s", users.size(),
                MANAGER + " sales-manager, " + MARKETING + " marketing, " + ANALYST + " analyst", (System.nanoTime() - t) / 1e9);
    }

    static CompletableFuture<String> tokenFuture(String user, String roles) {
        return TOKENS.computeIfAbsent(user, u -> CompletableFuture.supplyAsync(() -> mint(u, roles), MINTERS));
    }

    static final ExecutorService MINTERS = Executors.newFixedThreadPool(6, r -> {
        Thread t = new Thread(r, "token-minter");
        t.setDaemon(true);
        return t;
    });

    static String token(String user) {
        try {
            return tokenFuture(user, REPS.containsKey(user) ? REPS.get(user).roles() : "sales").get();
        } catch (Exception e) {
            throw new IllegalStateException("no token for " + user + ": " + e.getMessage(), e);
        }
    }

    static String mint(String user, String roles) {
        if (tokenCommand == null) {
            throw new IllegalStateException("no token for user " + user + " in " + tokensFile + " and no --token-command");
        }
        try {
            Process p = new ProcessBuilder(tokenCommand, user, roles).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty() || out.contains(" ")) {
                throw new IllegalStateException(tokenCommand + " " + user + " " + roles + " failed (exit "
                        + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
            }
            return out.lines().reduce((a, b) -> b).orElse(out);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + tokenCommand + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP
    // ---------------------------------------------------------------------------------------------------------------

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    record Resp(int status, String body, HttpResponse<String> raw) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> obj() {
            Object o = Json.parse(body);
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        String header(String name) {
            return raw == null ? null : raw.headers().firstValue(name).orElse(null);
        }
    }

    static final Set<Integer> NONE = Set.of();

    static Resp get(String url, String user, Set<Integer> expected) {
        return call("GET", url, user, null, null, Map.of(), expected, null);
    }

    static Resp postJson(String url, String user, Object body, String about) {
        return call("POST", url, user, "application/json", Json.write(body), Map.of(), NONE, about);
    }

    /**
     * One request. Retries (and reports) 429 and 503 after their Retry-After, a 409 that asks for a retry, and a
     * failed connection, at most three times. Every other non-2xx that is not {@code expected} is reported with its
     * body and counted against the error budget.
     */
    static Resp call(String method, String url, String user, String contentType, String body, Map<String, String> headers,
                     Set<Integer> expected, String about) {
        check();
        String path = url.replaceFirst("^https?://[^/]+", "");
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (user != null) {
                b.header("Authorization", "Bearer " + token(user));
            }
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", contentType);
                b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            REQUESTS.increment();
            HttpResponse<String> r;
            long sent = System.nanoTime();
            try {
                r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Latency lat = LATENCY.computeIfAbsent(method + " " + template(path), k -> new Latency());
                lat.record(System.nanoTime() - sent);
            } catch (IOException e) {
                if (attempt < 3) {
                    RETRIES.increment();
                    note("retrying " + method + " " + path + " after " + e);
                    sleep(1000L * attempt);
                    continue;
                }
                error(method + " " + path + (about == null ? "" : " (" + about + ")") + ": no answer: " + e, kind(method, path, 0));
                return new Resp(0, "", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            }
            Resp resp = new Resp(r.statusCode(), r.body(), r);
            if (resp.ok() || expected.contains(resp.status)) {
                return resp;
            }
            String retryAfter = resp.header("Retry-After");
            boolean retryable = resp.status == 429 || resp.status == 503 || (resp.status == 409 && retryAfter != null);
            if (retryable && attempt < 4) {
                RETRIES.increment();
                long wait = 1;
                try {
                    wait = retryAfter == null ? attempt : Math.max(1, Long.parseLong(retryAfter.strip()));
                } catch (NumberFormatException ignored) {
                    // a date: wait a second
                }
                note("HTTP " + resp.status + " " + method + " " + path + (about == null ? "" : " (" + about + ")")
                        + ", retrying in " + wait + " s: " + oneLine(resp.body));
                sleep(Math.min(wait, 65) * 1000);
                continue;
            }
            error("HTTP " + resp.status + " " + method + " " + path + (user == null ? "" : " as " + user)
                    + (about == null ? "" : " (" + about + ")") + "\n      request: " + abbreviate(body, 700)
                    + "\n      answer:  " + oneLine(resp.body), kind(method, path, resp.status) + " " + title(resp.body));
            return resp;
        }
    }

    static String kind(String method, String path, int status) {
        return status + " " + method + " " + template(path);
    }

    static String template(String path) {
        return path.replaceAll("\\?.*", "").replaceAll("LX\\d{14}", "{id}").replaceAll("/T-[^/]+", "/{task}")
                .replaceAll("/reps/[^/]+", "/reps/{rep}").replaceAll("/forms/[^/]+/", "/forms/{key}/");
    }

    /** Time spent per endpoint, to show where a slow load spends it. */
    static final class Latency {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        volatile long max;

        void record(long n) {
            count.increment();
            nanos.add(n);
            if (n > max) {
                max = n;
            }
        }
    }

    static final Map<String, Latency> LATENCY = new ConcurrentHashMap<>();

    static String title(String body) {
        try {
            Object o = Json.parse(body);
            if (o instanceof Map<?, ?> m && m.get("detail") != null) {
                String d = String.valueOf(m.get("detail")).replaceAll("LX\\d{14}", "{id}").replaceAll("\\d{4}-\\d{2}-\\d{2}", "{date}");
                return abbreviate(d, 160);
            }
        } catch (RuntimeException ignored) {
            // not JSON
        }
        return abbreviate(body, 80);
    }

    static String oneLine(String s) {
        return s == null ? "" : abbreviate(s.replace('\n', ' ').replace('\r', ' '), 1500);
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static void error(String message, String kind) {
        ERRORS.increment();
        if (kind != null) {
            ERROR_KINDS.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
        if (errorWriter != null) {
            errorWriter.println(ZonedDateTime.now(ZONE).format(ISO) + " " + message);
        }
        if (PRINTED_ERRORS.incrementAndGet() <= MAX_PRINTED_ERRORS) {
            System.err.println("  ! " + message);
        } else if (PRINTED_ERRORS.get() == MAX_PRINTED_ERRORS + 1) {
            System.err.println("  ! (more errors: counted below" + (errorLog == null ? "" : ", every one written to " + errorLog) + ")");
        }
        long errors = ERRORS.sum();
        long requests = REQUESTS.sum();
        if (!aborted && errors >= 20 && errors * 20 > requests) {
            abortReason = errors + " of " + requests + " requests failed (over 5 %); fix the cause shown above and run again";
            aborted = true;
        }
    }

    static void note(String message) {
        if (errorWriter != null) {
            errorWriter.println(ZonedDateTime.now(ZONE).format(ISO) + " note: " + message);
        }
        System.err.println("  ~ " + message);
    }

    static synchronized void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Set-up: lost reasons, roster, forms
    // ---------------------------------------------------------------------------------------------------------------

    static void setUp() {
        Resp reasons = get(followupUrl + "/api/v1/lost-reasons", MANAGER, NONE);
        if (reasons.ok() && Json.parse(reasons.body) instanceof List<?> list && !list.isEmpty()) {
            lostReasons = list.stream().map(String::valueOf).toList();
        } else {
            throw abort("GET /api/v1/lost-reasons did not answer the list of reasons; is followup-service up? ("
                    + reasons.status + ")");
        }

        // The roster: what exists already (someone ran the README tour, or a previous demo run), then the rest.
        Map<String, Map<String, Object>> existing = new HashMap<>();
        for (int page = 0; page < 20; page++) {
            Resp r = get(routingUrl + "/api/v1/reps?size=200&page=" + page, MANAGER, NONE);
            if (!r.ok()) {
                throw abort("cannot read the roster (GET /api/v1/reps answered " + r.status + ")");
            }
            List<Object> items = list(r.obj().get("items"));
            for (Object o : items) {
                Map<String, Object> rep = map(o);
                existing.put(str(rep.get("id")), rep);
                SENIORITY.put(str(rep.get("id")), str(rep.get("seniority")));
            }
            if (items.size() < 200) {
                break;
            }
        }
        // Enough room for this run's leads while they are all open at once (captures come before outcomes).
        Map<String, Integer> perRep = Map.of(
                "SENIOR", (int) (leadsWanted * 0.32 * 1.6 / 4) + 30,
                "JUNIOR", (int) (leadsWanted * 0.42 * 1.6 / 5) + 30,
                "ASSISTANT", (int) (leadsWanted * 0.45 * 1.6 / 3) + 30,
                "NURTURE", (int) (leadsWanted * 0.45 * 1.6 / 3) + 30);
        int created = 0, raised = 0;
        for (Rep rep : ROSTER) {
            int need = perRep.get(rep.seniority());
            Map<String, Object> there = existing.get(rep.id());
            if (there == null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", rep.id());
                body.put("name", rep.name());
                body.put("seniority", rep.seniority());
                body.put("capacity", need);
                body.put("industries", rep.industries());
                body.put("regions", rep.regions());
                Resp r = postJson(routingUrl + "/api/v1/reps", MANAGER, body, "create rep " + rep.id());
                if (!r.ok()) {
                    throw abort("could not create rep " + rep.id());
                }
                created++;
            } else {
                int open = num(there.get("openLeads")).intValue();
                int capacity = num(there.get("capacity")).intValue();
                if (capacity < open + need) {
                    Resp r = call("PATCH", routingUrl + "/api/v1/reps/" + rep.id(), MANAGER, "application/json",
                            Json.write(Map.of("capacity", open + need)), Map.of(), NONE, "raise capacity of " + rep.id());
                    if (!r.ok()) {
                        throw abort("could not raise the capacity of rep " + rep.id());
                    }
                    raised++;
                }
            }
        }
        out("  roster: %d reps (%d created, %d already there, %d capacities raised); %d reps in routing in all",
                ROSTER.size(), created, ROSTER.size() - created, raised, SENIORITY.size());

        // Website forms (marketing): the public endpoint a browser posts to.
        Resp r = get(intakeUrl + "/api/v1/forms", MARKETING, NONE);
        if (!r.ok()) {
            throw abort("cannot list the website forms (GET /api/v1/forms answered " + r.status + ")");
        }
        Set<String> keys = new HashSet<>();
        Object forms = Json.parse(r.body);
        for (Object o : forms instanceof Map<?, ?> m ? list(m.get("items")) : list(forms)) {
            keys.add(str(map(o).get("key")));
        }
        int formsCreated = 0;
        for (String[] form : FORMS) {
            if (keys.contains(form[0])) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key", form[0]);
            body.put("name", form[1]);
            body.put("sourceDetail", form[1]);
            body.put("allowedOrigins", List.of(SITE));
            body.put("redirectUrl", SITE + "/thanks");
            body.put("consentText", "同意接收产品资讯");
            Resp c = postJson(intakeUrl + "/api/v1/forms", MARKETING, body, "create form " + form[0]);
            if (!c.ok()) {
                throw abort("could not create the website form " + form[0]);
            }
            formsCreated++;
        }
        out("  website forms: %d (%d created), allowed origin %s", FORMS.length, formsCreated, SITE);
    }

    static Aborted abort(String reason) {
        if (!aborted) {
            abortReason = reason;
            aborted = true;
        }
        return new Aborted();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Step 1: capture
    // ---------------------------------------------------------------------------------------------------------------

    static void capture(Lead l, Progress progress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerName", l.company);
        body.put("contactName", l.contact);
        putIf(body, "phone", l.phone);
        putIf(body, "email", l.email);
        putIf(body, "wechat", l.wechat);
        body.put("source", l.source.equals("OTHER") && l.idx % 2 == 0 ? "其他" : word(l.source));
        putIf(body, "sourceDetail", l.sourceDetail);
        if (l.utmSource != null) {
            Map<String, Object> utm = new LinkedHashMap<>();
            utm.put("source", l.utmSource);
            putIf(utm, "medium", l.utmMedium);
            putIf(utm, "campaign", l.utmCampaign);
            body.put("utm", utm);
        }
        putIf(body, "needDescription", l.need);
        body.put("industry", l.industry);
        body.put("region", l.region);
        putIf(body, "companySize", l.size);
        putIf(body, "customerType", l.customerType);
        putIf(body, "budget", l.budget);
        putIf(body, "decisionCycle", l.cycle);
        putIf(body, "declaredIntent", l.intent);
        if (l.consent) {
            body.put("consent", Map.of("granted", true, "text", "同意接收产品资讯"));
        }
        body.put("registeredAt", l.registered.format(ISO));
        Resp r = postJson(intakeUrl + "/api/v1/leads", MARKETING, body, "capture #" + l.idx);
        if (r.ok()) {
            Map<String, Object> m = r.obj();
            l.leadId = str(m.get("leadId"));
            l.outcome = str(m.get("outcome"));
            l.status = str(m.get("status"));
            l.matchedOn = str(m.get("matchedOn"));
        }
        progress.step();
    }

    static String word(String source) {
        for (int i = 0; i < SOURCES.length; i++) {
            if (SOURCES[i].equals(source)) {
                return SOURCE_WORDS[i];
            }
        }
        return source;
    }

    static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /**
     * Today's website leads, posted as a browser posts an HTML form: urlencoded, Origin of the site the form is on.
     * Paced to stay under intake's limit per client address (10 per minute by default), which every post from this
     * machine shares; the answer is 303 to the form's thank-you page. The lead id is then found by its company name.
     */
    static void postForms(List<Lead> leads) {
        long spacingMs = 6_300;
        long next = System.currentTimeMillis();
        for (Lead l : leads) {
            if (aborted) {
                return;
            }
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            next = System.currentTimeMillis() + spacingMs;
            Map<String, String> f = new LinkedHashMap<>();
            f.put("company", l.company);
            f.put("name", l.contact);
            putIfStr(f, "tel", l.phone);
            putIfStr(f, "email", l.email);
            putIfStr(f, "need", l.need);
            putIfStr(f, "budget", l.budget);
            putIfStr(f, "decisionCycle", l.cycle);
            putIfStr(f, "industry", l.industry);
            putIfStr(f, "region", l.region);
            putIfStr(f, "companySize", l.size);
            putIfStr(f, "utm_source", l.utmSource);
            putIfStr(f, "utm_medium", l.utmMedium);
            putIfStr(f, "utm_campaign", l.utmCampaign);
            if (l.consent) {
                f.put("consent", "on");
            }
            f.put("_gotcha", "");
            StringBuilder form = new StringBuilder();
            f.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            String page = SITE + (l.formKey.equals("demo-free-trial") ? "/trial" : l.formKey.equals("demo-pricing") ? "/pricing" : "/");
            Resp r;
            try {
                r = call("POST", intakeUrl + "/api/v1/forms/" + l.formKey + "/submissions", null,
                        "application/x-www-form-urlencoded", form.toString(),
                        Map.of("Origin", SITE, "Referer", page, "Idempotency-Key", UUID.nameUUIDFromBytes(
                                (seed + "/" + runNo + "/" + l.idx).getBytes(StandardCharsets.UTF_8)).toString()),
                        Set.of(303), "public form post #" + l.idx);
            } catch (Aborted e) {
                return;
            }
            if (r.status != 303 && !r.ok()) {
                continue;
            }
            FORM_POSTS.increment();
            if (r.status == 303 && !(SITE + "/thanks").equals(r.header("Location"))) {
                error("POST /api/v1/forms/" + l.formKey + "/submissions answered 303 to " + r.header("Location")
                        + ", not to the form's redirect " + SITE + "/thanks", "303 wrong Location");
            }
            // Which lead did it become? Marketing searches the register for the company (unique in this run).
            for (int i = 0; i < 10 && l.leadId == null; i++) {
                Resp s = get(intakeUrl + "/api/v1/leads?channel=FORM&size=5&q=" + URLEncoder.encode(l.company, StandardCharsets.UTF_8)
                        + "&from=" + today.minusDays(1), MARKETING, NONE);
                if (!s.ok()) {
                    break;
                }
                for (Object o : list(s.obj().get("items"))) {
                    Map<String, Object> lead = map(o);
                    if (l.company.equals(lead.get("customerName"))) {
                        l.leadId = str(lead.get("id") != null ? lead.get("id") : lead.get("leadId"));
                        l.status = str(lead.get("status"));
                        l.outcome = "CREATED";
                    }
                }
                if (l.leadId == null) {
                    sleep(300);
                }
            }
            if (l.leadId == null) {
                error("the public form post #" + l.idx + " (" + l.company + ") answered " + r.status
                        + " but GET /api/v1/leads?channel=FORM&q=<company> does not find the lead", "form lead not found");
            }
        }
    }

    static void putIfStr(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Steps 2 and 3: wait for the owner, then the owner follows up
    // ---------------------------------------------------------------------------------------------------------------

    /** Follow-up's view of the lead once it has an owner; null when it did not get one in time (reported). */
    static Map<String, Object> awaitAssigned(Lead l) {
        long deadline = System.nanoTime() + assignTimeoutSeconds * 1_000_000_000L;
        long pause = 250;
        while (true) {
            Resp r = get(followupUrl + "/api/v1/pipeline/" + l.leadId, MANAGER, Set.of(404));
            if (r.status == 200) {
                Map<String, Object> m = r.obj();
                if (m.get("ownerId") != null) {
                    return m;
                }
            } else if (r.status != 404) {
                return null; // reported
            }
            POLLS.increment();
            if (System.nanoTime() > deadline) {
                Resp a = get(routingUrl + "/api/v1/assignments/" + l.leadId, MANAGER, Set.of(404));
                NOT_ASSIGNED.increment();
                error(l.leadId + " has no owner in follow-up " + assignTimeoutSeconds + " s after it was captured; follow-up "
                        + "answered " + r.status + " " + oneLine(r.body) + "; routing's assignment: " + a.status + " "
                        + oneLine(a.body), "lead not assigned in time");
                return null;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 4000);
        }
    }

    static void followUp(Lead l, Progress progress) {
        try {
            followUp(l);
        } finally {
            progress.step();
        }
    }

    static void followUp(Lead l) {
        Map<String, Object> state = awaitAssigned(l);
        if (state == null) {
            return;
        }
        ASSIGNED.increment();
        l.grade = str(state.get("grade"));
        l.ownerId = str(state.get("ownerId"));
        String owner = l.ownerId;
        Rep rep = REPS.get(owner);
        String seniority = SENIORITY.getOrDefault(owner, rep == null ? "JUNIOR" : rep.seniority());
        String grade = l.grade == null ? l.plannedGrade : l.grade;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + l.idx * 1_000_003L + 17);
        String base = followupUrl + "/api/v1/pipeline/" + l.leadId;

        if (l.formKey != null) {
            // Registered minutes ago: about half get their first call now; the others are still waiting (their 24 h
            // first-response deadline runs).
            l.fate = "OPEN";
            if (r.nextDouble() < 0.5) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("method", "电话");
                f.put("content", "官网表单线索首次回访,确认" + l.product + "需求和联系人");
                f.put("feedback", pick(r, new String[]{"需求属实,希望先看演示", "客户在开会,约明天再聊", "已有初步预算,想了解报价"}));
                LocalDate due = today.plusDays(1 + r.nextInt(3));
                f.put("nextAction", due.getMonthValue() + "月" + due.getDayOfMonth() + "日前发送产品资料并预约演示");
                f.put("nextActionDue", due.toString());
                f.put("status", "已完成");
                if (postJson(base + "/followups", owner, f, "first call on form lead").ok()) {
                    FOLLOW_UPS.increment();
                    l.followUps++;
                }
            }
            return;
        }

        // How fast the owner answered: seniority, the rep's own pace, and the source (website and social leads wait
        // longest: the template's "跟进响应慢").
        double hours = switch (seniority) {
            case "SENIOR" -> 3;
            case "JUNIOR" -> 9;
            case "ASSISTANT" -> 20;
            default -> 30;
        };
        hours *= switch (l.source) {
            case "WEBSITE_FORM" -> 4.0;
            case "SOCIAL_MEDIA" -> 2.0;
            case "OTHER" -> 1.5;
            case "TRADE_SHOW" -> 1.6; // business cards are typed in after the show
            default -> 0.8;
        };
        hours *= rep == null ? 1.0 : rep.speed();
        hours *= Math.exp(r.nextGaussian() * 0.85);
        hours = Math.max(0.3, Math.min(hours, 24 * 20));

        double pWin = switch (l.source) {
            case "TRADE_SHOW" -> 0.30;
            case "CUSTOMER_REFERRAL" -> 0.34;
            case "PARTNER_REFERRAL" -> 0.28;
            case "WEBSITE_FORM" -> 0.11;
            case "SOCIAL_MEDIA" -> 0.07;
            default -> 0.14;
        };
        pWin *= switch (grade) {
            case "HIGH" -> 1.6;
            case "MEDIUM" -> 0.75;
            case "LOW" -> 0.18;
            default -> 0.5;
        };
        pWin *= hours <= 4 ? 1.25 : hours <= 24 ? 1.05 : hours <= 48 ? 0.8 : hours <= 96 ? 0.55 : 0.35;
        pWin *= rep == null ? 1.0 : rep.skill();
        pWin = Math.min(pWin, 0.85);
        // Of the rest, most are lost sooner or later; low-intent leads often stay in nurturing.
        double pLose = switch (grade) {
            case "HIGH" -> 0.85;
            case "MEDIUM" -> 0.75;
            default -> 0.45;
        };
        double u = r.nextDouble();
        String fate = u < pWin ? "WON" : u < pWin + (1 - pWin) * pLose ? "LOST" : "OPEN";

        ZonedDateTime first = l.registered.plusMinutes((long) (hours * 60));
        first = workingHours(first, r);
        // When the deal is decided: the conversion cycle by source and grade.
        ZonedDateTime decided = null;
        if (!fate.equals("OPEN")) {
            double days = switch (l.source) {
                case "TRADE_SHOW" -> 24;
                case "CUSTOMER_REFERRAL" -> 21;
                case "PARTNER_REFERRAL" -> 35;
                case "WEBSITE_FORM" -> 45;
                case "SOCIAL_MEDIA" -> 50;
                default -> 40;
            };
            days *= switch (grade) {
                case "HIGH" -> 0.8;
                case "MEDIUM" -> 1.25;
                default -> 1.8;
            };
            if (fate.equals("LOST")) {
                days *= 0.8;
            }
            if (hours > 48) {
                days += hours / 24;
            }
            days *= Math.exp(r.nextGaussian() * 0.35);
            days = Math.max(days, 3);
            decided = workingHours(l.registered.plusHours((long) (days * 24)), r);
            if (!decided.isAfter(first.plusHours(20))) {
                decided = workingHours(first.plusDays(2 + r.nextInt(5)), r);
            }
            if (decided.isAfter(start)) {
                fate = "OPEN"; // not decided yet: still being worked on
                decided = null;
            }
        }
        l.fate = fate;
        if (first.isAfter(start)) {
            return; // not answered yet (its first-response deadline runs now)
        }

        // The touches: evenly spread between the first answer and the decision (or today), fewer for low intent.
        ZonedDateTime end = decided != null ? decided : start;
        double interval = switch (grade) {
            case "HIGH" -> 5;
            case "MEDIUM" -> 9;
            default -> 28;
        };
        int n;
        if (fate.equals("WON")) {
            n = 4 + r.nextInt(grade.equals("HIGH") ? 4 : 3);
        } else if (fate.equals("LOST")) {
            n = 1 + r.nextInt(4);
        } else {
            long elapsed = ChronoUnit.DAYS.between(first, end);
            n = (int) Math.min(1 + elapsed / interval, grade.equals("HIGH") ? 6 : grade.equals("MEDIUM") ? 5 : 4);
        }
        List<ZonedDateTime> times = new ArrayList<>();
        times.add(first);
        for (int k = 1; k < n; k++) {
            long span = Duration.between(first, end).toMinutes();
            ZonedDateTime t = first.plusMinutes((long) (span * (k + r.nextDouble() * 0.6 - 0.3) / n));
            t = workingHours(t, r);
            ZonedDateTime prev = times.get(times.size() - 1);
            if (!t.isAfter(prev.plusHours(2))) {
                t = prev.plusHours(3);
            }
            if (t.isAfter(end) || t.isAfter(start)) {
                break;
            }
            times.add(t);
        }

        boolean nurture = grade.equals("LOW") && !fate.equals("WON");
        String[][] script = nurture ? LOW_SCRIPT : grade.equals("MEDIUM") && !fate.equals("WON") ? MEDIUM_SCRIPT : DEAL_SCRIPT;
        String previousTask = null;
        int stageLevel = 0; // 0 NEW/CONTACTED, 1 NEEDS_CONFIRMED, 2 PROPOSAL, 3 NEGOTIATION
        int targetLevel = fate.equals("WON") ? 3 : nurture ? 0 : Math.min(3, times.size() - 1);
        if (fate.equals("LOST")) {
            targetLevel = Math.min(targetLevel, r.nextInt(3));
        }
        String lossReason = fate.equals("LOST") ? lossReason(l.source, hours, r) : null;
        for (int k = 0; k < times.size(); k++) {
            check();
            ZonedDateTime t = times.get(k);
            boolean last = k == times.size() - 1;
            String[] step = script[Math.min(k, script.length - 1)];
            ZonedDateTime nextTime = last ? null : times.get(k + 1);
            LocalDate due;
            if (!last) {
                due = nextTime.toLocalDate();
            } else if (decided != null) {
                due = decided.toLocalDate();
            } else {
                LocalDate planned = t.toLocalDate().plusDays((long) interval);
                due = planned.isAfter(today) ? planned : today.plusDays(1 + r.nextInt(7));
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("contactedAt", t.format(ISO));
            f.put("method", step[0]);
            f.put("content", fill(step[1], l, t, due, r));
            String feedback = fill(step[2], l, t, due, r);
            String next = fill(step[3], l, t, due, r);
            if (last && lossReason != null) {
                feedback = pick(r, LOSS_NOTES.get(lossReason));
                next = null;
            }
            f.put("feedback", feedback);
            if (next != null) {
                f.put("nextAction", next);
                f.put("nextActionDue", due.toString());
            }
            f.put("status", last && decided == null && r.nextDouble() < 0.4 ? "进行中" : "已完成");
            if (previousTask != null) {
                f.put("taskId", previousTask);
            }
            Resp resp = postJson(base + "/followups", owner, f, "follow-up " + (k + 1) + " of " + times.size());
            if (!resp.ok()) {
                return;
            }
            FOLLOW_UPS.increment();
            l.followUps++;
            previousTask = str(resp.obj().get("nextActionTaskId"));
            // The stage follows the conversation: needs confirmed after the second touch, proposal after the third,
            // negotiation after the fourth; each on the day of the touch that moved it.
            int reach = Math.min(targetLevel, k);
            while (stageLevel < reach) {
                stageLevel++;
                if (!stage(l, owner, STAGE_STEPS[stageLevel - 1], STAGE_REASONS[stageLevel - 1], t)) {
                    return;
                }
            }
        }
        ZonedDateTime lastTouch = times.get(times.size() - 1);
        while (stageLevel < targetLevel) { // a won deal reaches negotiation even when the log is short
            stageLevel++;
            if (!stage(l, owner, STAGE_STEPS[stageLevel - 1], STAGE_REASONS[stageLevel - 1], lastTouch)) {
                return;
            }
        }

        if (fate.equals("WON")) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("outcome", "WON");
            o.put("on", decided.toLocalDate().toString());
            long amount = amount(l, grade, r);
            o.put("amount", Map.of("amount", amount, "currency", "CNY"));
            o.put("winFactors", winFactors(l, hours, r));
            if (postJson(base + "/outcome", owner, o, "won").ok()) {
                l.result = "WON";
                WON.increment();
                WON_AMOUNT.computeIfAbsent(l.source, s -> new LongAdder()).add(amount);
            }
        } else if (fate.equals("LOST")) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("outcome", "LOST");
            o.put("on", decided.toLocalDate().toString());
            o.put("reason", lossReason);
            o.put("note", pick(r, LOSS_NOTES.get(lossReason)));
            if (postJson(base + "/outcome", owner, o, "lost").ok()) {
                l.result = "LOST";
                LOST.increment();
            }
        } else if (nurture && r.nextDouble() < 0.6) {
            stage(l, owner, "培育", "暂无明确需求,转入长期培育", times.isEmpty() ? null : times.get(times.size() - 1));
        } else if (r.nextDouble() < 0.04 && !grade.equals("HIGH") && !times.isEmpty()) {
            // The need became clear: ask routing to regrade (it may hand the lead to a senior rep).
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("suggestedGrade", grade.equals("LOW") ? "中意向" : "高意向");
            q.put("reason", grade.equals("LOW") ? "客户开始调研,有初步预算" : "客户明确了预算和上线时间");
            if (postJson(base + "/regrade-requests", owner, q, "regrade request").ok()) {
                REGRADES.increment();
            }
        }
    }

    static final String[] STAGE_STEPS = {"需求确认", "方案", "谈判"};
    static final String[] STAGE_REASONS = {"客户确认需求和预算范围", "已发送定制方案和报价", "进入商务谈判,确认合同条款"};

    /** @param at when it happened (the history's time), null for now */
    static boolean stage(Lead l, String owner, String stage, String reason, ZonedDateTime at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stage", stage);
        body.put("reason", reason);
        if (at != null) {
            body.put("on", at.format(ISO));
        }
        Resp r = postJson(followupUrl + "/api/v1/pipeline/" + l.leadId + "/stage", owner, body, "stage " + stage);
        if (r.ok()) {
            STAGES.increment();
        }
        return r.ok();
    }

    // method, content, feedback, next action ({P} product, {B} budget, {I} industry, {D} next date, {D2} a later date)
    static final String[][] DEAL_SCRIPT = {
            {"电话", "介绍{P}核心功能,了解预算范围和决策流程", "{BF}", "{D}前发送定制方案"},
            {"邮件", "发送{P}方案及{I}行业案例,约定{D}演示", "方案需补充竞品对比", "{D}前更新方案,确认演示时间"},
            {"演示", "线上演示{P}核心流程与报表", "对报表和移动端满意,关心数据迁移", "{D}前提供数据迁移与实施计划"},
            {"拜访", "上门拜访,与IT负责人确认系统集成需求", "需对接现有财务系统", "{D}前出具正式报价"},
            {"微信", "发送报价单,解释价格政策和付款方式", "希望折扣再优惠一些", "{D}前申请特价审批"},
            {"电话", "确认合同条款和交付周期", "法务审核合同中", "{D}前签订合同"},
            {"拜访", "商务谈判,确认最终价格和上线时间", "基本同意,走内部审批", "{D}前回签合同"}};
    static final String[][] MEDIUM_SCRIPT = {
            {"电话", "初次沟通,了解{P}需求背景", "目前在调研阶段,{C}内决定", "{D}前发送行业案例"},
            {"邮件", "发送{I}行业案例和{P}产品白皮书", "案例有参考价值,需内部讨论", "{D}前邀请参加线上研讨会"},
            {"研讨会", "邀请参加{P}线上研讨会", "参会并询问实施周期", "{D}前安排产品演示"},
            {"演示", "产品演示,讲解{P}关键功能", "功能基本满足,预算还在申请", "{D}前电话确认预算进展"},
            {"电话", "每周跟进,确认预算审批进展", "预算仍在审批", "{D}前再次跟进"}};
    static final String[][] LOW_SCRIPT = {
            {"微信", "添加微信,发送{P}产品介绍资料", "暂时不需要,先了解", "{D}前推送行业资讯"},
            {"邮件", "推送{I}行业资讯与产品动态", "已读,暂无回复", "{D}前推送下期资讯"},
            {"邮件", "推送客户案例:{I}企业数字化实践", "已读,暂无回复", "{D}前推送下期资讯"},
            {"微信", "节日问候并推荐线上研讨会", "回复感谢,暂无计划", "{D}前推送下期资讯"}};

    static String fill(String text, Lead l, ZonedDateTime t, LocalDate due, SplittableRandom r) {
        if (text == null) {
            return null;
        }
        String bf = l.budget == null || l.budget.equals("待确认") || l.budget.equals("不确定") || l.budget.equals("暂无")
                ? "预算待定,希望先看方案" : "预算" + l.budget + ",需看详细方案";
        return text.replace("{P}", l.product).replace("{I}", l.industry).replace("{BF}", bf)
                .replace("{C}", l.cycle == null ? "2-3个月" : l.cycle)
                .replace("{D}", due.getMonthValue() + "月" + due.getDayOfMonth() + "日");
    }

    static String lossReason(String source, double hours, SplittableRandom r) {
        double[] w = LOSS_WEIGHTS.get(source).clone();
        if (hours > 48) {
            w[5] += 6; // SLOW_RESPONSE: the template's 跟进响应慢
        } else if (hours < 12) {
            w[5] = 0;
        }
        for (int tries = 0; tries < 20; tries++) {
            String code = LOSS_CODES[weighted(r.nextDouble(), w)];
            if (lostReasons.contains(code)) {
                return code;
            }
        }
        return lostReasons.contains("OTHER") ? "OTHER" : lostReasons.get(0);
    }

    static List<String> winFactors(Lead l, double hours, SplittableRandom r) {
        List<String> factors = new ArrayList<>();
        String[] own = WIN_FACTORS.get(l.source);
        factors.add(own[r.nextDouble() < 0.7 ? 0 : r.nextInt(own.length)]);
        if (r.nextDouble() < 0.6) {
            String extra = hours < 6 && r.nextDouble() < 0.5 ? "响应及时" : pick(r, r.nextDouble() < 0.5 ? own : WIN_GENERAL);
            if (!factors.contains(extra)) {
                factors.add(extra);
            }
        }
        return factors;
    }

    static final Pattern RANGE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:-(\\d+(?:\\.\\d+)?))?万(左右|以上|以内|以下)?");

    static long amount(Lead l, String grade, SplittableRandom r) {
        double lo, hi;
        Matcher m = l.budget == null ? null : RANGE.matcher(l.budget);
        if (m != null && m.matches()) {
            double a = Double.parseDouble(m.group(1));
            double b = m.group(2) == null ? a : Double.parseDouble(m.group(2));
            String q = m.group(3);
            if ("以上".equals(q)) {
                lo = a;
                hi = a * 1.5;
            } else if ("以内".equals(q) || "以下".equals(q)) {
                lo = a * 0.5;
                hi = a;
            } else if (m.group(2) == null) {
                lo = a * 0.85;
                hi = a * 1.05;
            } else {
                lo = a;
                hi = b;
            }
        } else {
            lo = grade.equals("HIGH") ? 8 : grade.equals("MEDIUM") ? 5 : 2;
            hi = grade.equals("HIGH") ? 40 : grade.equals("MEDIUM") ? 25 : 10;
        }
        double wan = lo + (hi - lo) * r.nextDouble();
        return Math.max(1000, Math.round(wan * 10) * 1000); // to the thousand yuan
    }

    /** Moves a time into working hours (9:00-18:30 on a weekday), keeping the day when it can. */
    static ZonedDateTime workingHours(ZonedDateTime t, SplittableRandom r) {
        ZonedDateTime x = t;
        if (x.getHour() < 9) {
            x = x.withHour(9 + r.nextInt(2)).withMinute(r.nextInt(60));
        } else if (x.getHour() >= 19) {
            x = x.plusDays(1).withHour(9 + r.nextInt(2)).withMinute(r.nextInt(60));
        }
        while (x.getDayOfWeek() == DayOfWeek.SATURDAY || x.getDayOfWeek() == DayOfWeek.SUNDAY) {
            x = x.plusDays(1);
        }
        return x.withSecond(0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The plan: who registered when, from where, wanting what
    // ---------------------------------------------------------------------------------------------------------------

    static List<Lead> plan() {
        Random rnd = new Random(seed);                        // the shape of the data set
        Random ids = new Random(seed * 1_000_003L + runNo);   // names, phones, emails: differ per run
        List<Lead> leads = new ArrayList<>();
        Set<String> companies = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < leadsWanted; i++) {
            Lead l = new Lead(i);
            l.source = SOURCES[weighted(rnd.nextDouble(), SOURCE_WEIGHTS)];
            l.plannedGrade = grade(l.source, rnd);
            l.registered = registration(l, rnd);
            int ind = weighted(rnd.nextDouble(), INDUSTRY_WEIGHTS);
            l.industry = INDUSTRIES[ind][0];
            l.region = CITIES[weighted(rnd.nextDouble(), CITY_WEIGHTS)];
            boolean big = rnd.nextDouble() < (l.plannedGrade.equals("HIGH") ? 0.55 : 0.35);
            l.size = rnd.nextDouble() < 0.85 ? pick(rnd, big ? SIZE_BIG : SIZE_SMALL) : null;
            l.customerType = rnd.nextDouble() < 0.6 ? (big ? pick(rnd, new String[]{"大型企业", "企业", "企业"})
                    : pick(rnd, new String[]{"中小企业", "企业", "中小企业"})) : null;
            l.product = pick(rnd, PRODUCTS);
            l.need = need(l, rnd);
            switch (l.plannedGrade) {
                case "HIGH" -> {
                    l.budget = rnd.nextDouble() < 0.85 ? pick(rnd, BUDGET_HIGH) : "待确认";
                    l.cycle = pick(rnd, CYCLE_HIGH);
                    l.intent = rnd.nextDouble() < 0.8 ? "高意向" : null;
                }
                case "MEDIUM" -> {
                    l.budget = rnd.nextDouble() < 0.9 ? pick(rnd, BUDGET_MEDIUM) : null;
                    l.cycle = pick(rnd, CYCLE_MEDIUM);
                    l.intent = rnd.nextDouble() < 0.7 ? "中意向" : null;
                }
                default -> {
                    l.budget = rnd.nextDouble() < 0.8 ? pick(rnd, BUDGET_LOW) : null;
                    l.cycle = rnd.nextDouble() < 0.85 ? pick(rnd, CYCLE_LOW) : null;
                    l.intent = rnd.nextDouble() < 0.5 ? "低意向" : null;
                }
            }
            sourceDetail(l, rnd);
            l.consent = l.source.equals("WEBSITE_FORM") || l.source.equals("SOCIAL_MEDIA") ? rnd.nextDouble() < 0.8
                    : rnd.nextDouble() < 0.3;
            double reject = switch (l.source) {
                case "TRADE_SHOW" -> 0.03;
                case "WEBSITE_FORM" -> 0.09;
                case "PARTNER_REFERRAL" -> 0.02;
                case "SOCIAL_MEDIA" -> 0.16;
                case "CUSTOMER_REFERRAL" -> 0.01;
                default -> 0.12;
            };
            if (rnd.nextDouble() < reject) {
                double k = rnd.nextDouble();
                l.rejectKind = k < 0.6 ? "PHONE_INVALID" : k < 0.75 ? "EMAIL_DISPOSABLE" : "NEED_MISSING";
            }
            identity(l, ids, companies, emails);
            leads.add(l);
        }

        // Today's website leads come in through a real public form post.
        List<Lead> web = leads.stream().filter(l -> l.source.equals("WEBSITE_FORM") && l.rejectKind == null).toList();
        int formPosts = Math.min(Math.min(formPostsMax, Math.max(2, leadsWanted / 100)), web.size());
        int step = Math.max(1, web.size() / Math.max(1, formPosts));
        for (int k = 0; k < formPosts; k++) {
            Lead l = web.get((k * step) % web.size());
            if (l.formKey != null) {
                continue;
            }
            l.formKey = FORMS[k % FORMS.length][0];
            l.sourceDetail = FORMS[k % FORMS.length][1];
            l.registered = start;
        }

        // Repeat submissions: the same person again, later, often through another channel.
        int dups = Math.max(1, (int) Math.round(leadsWanted * 0.05));
        List<Lead> candidates = leads.stream().filter(l -> l.rejectKind == null && l.formKey == null).toList();
        for (int k = 0; k < dups && !candidates.isEmpty(); k++) {
            Lead orig = candidates.get(rnd.nextInt(candidates.size()));
            Lead d = new Lead(leadsWanted + k);
            d.duplicateOf = orig;
            d.source = SOURCES[weighted(rnd.nextDouble(), SOURCE_WEIGHTS)];
            d.plannedGrade = orig.plannedGrade;
            d.registered = orig.registered.plusDays(3 + rnd.nextInt(60)).withHour(9 + rnd.nextInt(9));
            if (d.registered.isAfter(start.minusHours(1))) {
                d.registered = start.minusHours(1 + rnd.nextInt(5));
            }
            if (d.registered.isBefore(orig.registered)) {
                d.registered = orig.registered.plusMinutes(30);
            }
            d.industry = orig.industry;
            d.region = orig.region;
            d.size = orig.size;
            d.customerType = orig.customerType;
            d.product = orig.product;
            d.need = "再次咨询:" + (orig.need == null ? "了解" + orig.product : orig.need);
            d.budget = orig.budget;
            d.cycle = orig.cycle;
            d.intent = orig.intent;
            sourceDetail(d, rnd);
            d.company = orig.company;
            d.contact = orig.contact;
            boolean byPhone = orig.phone != null && (orig.email == null || rnd.nextDouble() < 0.75);
            d.phone = byPhone ? orig.phone.replace(" ", "") : null;
            d.email = byPhone ? null : orig.email;
            leads.add(d);
        }
        return leads;
    }

    static String grade(String source, Random rnd) {
        double[] w = switch (source) {
            case "TRADE_SHOW" -> new double[]{0.40, 0.40, 0.20};
            case "CUSTOMER_REFERRAL" -> new double[]{0.45, 0.40, 0.15};
            case "PARTNER_REFERRAL" -> new double[]{0.35, 0.45, 0.20};
            case "WEBSITE_FORM" -> new double[]{0.25, 0.40, 0.35};
            case "SOCIAL_MEDIA" -> new double[]{0.10, 0.35, 0.55};
            default -> new double[]{0.15, 0.35, 0.50};
        };
        return new String[]{"HIGH", "MEDIUM", "LOW"}[weighted(rnd.nextDouble(), w)];
    }

    /** A registration time in the past 12 months: more leads in recent months, trade-show leads on show days. */
    static ZonedDateTime registration(Lead l, Random rnd) {
        ZonedDateTime t;
        if (l.source.equals("TRADE_SHOW")) {
            int show = rnd.nextInt(SHOW_DAYS_AGO.length);
            LocalDate day = showDay(show).plusDays(rnd.nextDouble() < 0.75 ? rnd.nextInt(3) : 3 + rnd.nextInt(3));
            t = day.atTime(9 + rnd.nextInt(9), rnd.nextInt(60)).atZone(ZONE);
            l.sourceDetail = showDay(show).getYear() + " " + SHOW_NAMES[show];
        } else {
            boolean online = l.source.equals("WEBSITE_FORM") || l.source.equals("SOCIAL_MEDIA");
            while (true) {
                int daysAgo = rnd.nextInt(365);
                if (rnd.nextDouble() > 0.5 + 0.5 * (1 - daysAgo / 364.0)) {
                    continue; // recent months bring more leads
                }
                LocalDate day = today.minusDays(daysAgo);
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                if (weekend && rnd.nextDouble() > (online ? 0.6 : 0.15)) {
                    continue;
                }
                int hour = online ? 8 + rnd.nextInt(15) : 9 + rnd.nextInt(9);
                t = day.atTime(hour, rnd.nextInt(60)).atZone(ZONE);
                break;
            }
        }
        if (t.isAfter(start.minusMinutes(30))) {
            t = start.minusMinutes(30 + rnd.nextInt(240));
        }
        return t;
    }

    static LocalDate showDay(int show) {
        LocalDate d = today.minusDays(SHOW_DAYS_AGO[show]);
        while (d.getDayOfWeek() != DayOfWeek.WEDNESDAY) {
            d = d.minusDays(1);
        }
        return d;
    }

    static void sourceDetail(Lead l, Random rnd) {
        switch (l.source) {
            case "TRADE_SHOW" -> {
                if (l.sourceDetail == null) {
                    int show = rnd.nextInt(SHOW_NAMES.length);
                    l.sourceDetail = showDay(show).getYear() + " " + SHOW_NAMES[show];
                }
            }
            case "WEBSITE_FORM" -> {
                l.sourceDetail = FORMS[weighted(rnd.nextDouble(), new double[]{5, 3, 2})][1];
                String[] utm = WEB_UTM[rnd.nextInt(WEB_UTM.length)];
                if (!utm[0].equals("direct")) {
                    l.utmSource = utm[0];
                    l.utmMedium = utm[1];
                    l.utmCampaign = utm[2] == null ? null : utm[2] + "-" + l.registered.format(MONTH).replace("-", "");
                }
            }
            case "PARTNER_REFERRAL" -> l.sourceDetail = pick(rnd, PARTNERS);
            case "SOCIAL_MEDIA" -> {
                String[] s = SOCIAL[rnd.nextInt(SOCIAL.length)];
                l.sourceDetail = s[0];
                l.utmSource = s[1];
                l.utmMedium = s[2];
                l.utmCampaign = s[3] + "-" + l.registered.format(MONTH).replace("-", "");
            }
            case "CUSTOMER_REFERRAL" -> l.sourceDetail = pick(rnd, REFERRERS);
            default -> l.sourceDetail = pick(rnd, OTHER_DETAILS);
        }
    }

    static String need(Lead l, Random rnd) {
        String[] pool = switch (l.plannedGrade) {
            case "HIGH" -> NEED_HIGH;
            case "MEDIUM" -> NEED_MEDIUM;
            default -> NEED_LOW;
        };
        int month = l.registered.plusMonths(1 + rnd.nextInt(2)).getMonthValue();
        return pick(rnd, pool).replace("{P}", l.product).replace("{M}", String.valueOf(month))
                .replace("{K}", String.valueOf(10 + rnd.nextInt(90)));
    }

    /** Company, contact, phone, email, WeChat: unique within the run, and across runs for phones. */
    static void identity(Lead l, Random ids, Set<String> companies, Set<String> emails) {
        String[] trades = INDUSTRIES[indexOfIndustry(l.industry)][1].split(",");
        String brand, brandPinyin;
        while (true) {
            String[] a = BRAND_A[ids.nextInt(BRAND_A.length)].split("(?<=\\p{IsHan})");
            String[] b = BRAND_B[ids.nextInt(BRAND_B.length)].split("(?<=\\p{IsHan})");
            brand = a[0] + b[0];
            brandPinyin = a[1] + b[1];
            if (a[0].equals(b[0])) {
                continue;
            }
            if (ids.nextDouble() < 0.3) {
                String[] c = BRAND_B[ids.nextInt(BRAND_B.length)].split("(?<=\\p{IsHan})");
                if (c[0].equals(b[0])) {
                    continue;
                }
                brand += c[0];
                brandPinyin += c[1];
            }
            String trade = trades[ids.nextInt(trades.length)];
            String company = (ids.nextDouble() < 0.8 ? l.region : "") + brand + trade;
            if (companies.add(company)) {
                l.company = company + COMPANY_FORMS[ids.nextInt(COMPANY_FORMS.length)];
                break;
            }
        }
        String[] surname = SURNAMES[ids.nextInt(SURNAMES.length)].split("(?<=\\p{IsHan})");
        String[] given = GIVEN[ids.nextInt(GIVEN.length)].split("(?<=\\p{IsHan})");
        String local;
        if (ids.nextDouble() < 0.4) {
            l.contact = surname[0] + TITLES[ids.nextInt(TITLES.length)];
            local = surname[1] + (char) ('a' + ids.nextInt(26));
        } else {
            boolean two = ids.nextDouble() < 0.5;
            String[] given2 = GIVEN[ids.nextInt(GIVEN.length)].split("(?<=\\p{IsHan})");
            l.contact = surname[0] + given[0] + (two ? given2[0] : "");
            local = ids.nextDouble() < 0.5 ? surname[1] + given[1] + (two ? given2[1] : "")
                    : given[1] + (two ? given2[1] : "") + "." + surname[1];
        }
        // A phone no other lead of this run or of another run has: the run and the lead's number, scrambled over
        // 10^8 by a bijection, behind a mobile prefix.
        long n = (long) runNo * 100_000L + l.idx;
        long suffix = Math.floorMod(n * 73_939_133L + (seed & 0xFFFFFFL), 100_000_000L);
        String prefix = MOBILE_PREFIXES[ids.nextInt(MOBILE_PREFIXES.length)];
        String digits = String.format("%08d", suffix);
        double format = ids.nextDouble();
        String phone = format < 0.5 ? prefix + digits
                : format < 0.8 ? prefix + " " + digits.substring(0, 4) + " " + digits.substring(4)
                : format < 0.9 ? prefix + "-" + digits.substring(0, 4) + "-" + digits.substring(4)
                : "+86 " + prefix + " " + digits.substring(0, 4) + " " + digits.substring(4);
        String domain = brandPinyin + pick(ids, new String[]{"-tech", "", "-group", "soft", "-" + cityCode(l.region)})
                + pick(ids, new String[]{".com", ".com.cn", ".cn"});
        String email = local + "@" + domain;
        double e = ids.nextDouble();
        if (e < 0.15) {
            email = (ids.nextDouble() < 0.5 ? String.valueOf(100_000_000L + ids.nextInt(899_999_999)) + "@qq.com"
                    : local + (1970 + ids.nextInt(35)) + "@163.com");
        }
        while (!emails.add(email)) {
            email = email.replace("@", String.valueOf(ids.nextInt(10)) + "@");
        }
        boolean hasEmail = e < 0.6;
        l.phone = phone;
        l.email = hasEmail ? email : null;
        l.wechat = ids.nextDouble() < 0.3 ? (local.replace(".", "_") + "_" + (10 + ids.nextInt(89))) : null;
        if (l.rejectKind != null) {
            switch (l.rejectKind) {
                case "PHONE_INVALID" -> { // a digit lost when the card was typed in, no email
                    l.phone = prefix + digits.substring(0, 7);
                    l.email = null;
                }
                case "EMAIL_DISPOSABLE" -> {
                    l.phone = null;
                    l.email = local + l.idx + "@" + pick(ids, new String[]{"mailinator.com", "yopmail.com", "10minutemail.com"});
                }
                default -> l.need = null;
            }
        }
    }

    static final String[] MOBILE_PREFIXES = {"139", "138", "137", "136", "135", "150", "151", "152", "158", "159", "182",
            "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189",
            "177", "199", "176"};

    static String cityCode(String city) {
        return switch (city) {
            case "上海" -> "sh";
            case "北京" -> "bj";
            case "深圳" -> "sz";
            case "广州" -> "gz";
            case "杭州" -> "hz";
            case "苏州" -> "suz";
            case "南京" -> "nj";
            case "成都" -> "cd";
            case "武汉" -> "wh";
            case "西安" -> "xa";
            case "天津" -> "tj";
            case "重庆" -> "cq";
            case "青岛" -> "qd";
            case "厦门" -> "xm";
            case "宁波" -> "nb";
            default -> "cs";
        };
    }

    static int indexOfIndustry(String word) {
        for (int i = 0; i < INDUSTRIES.length; i++) {
            if (INDUSTRIES[i][0].equals(word)) {
                return i;
            }
        }
        return 0;
    }

    static int weighted(double u, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = u * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static <T> T pick(Random r, T[] items) {
        return items[r.nextInt(items.length)];
    }

    static <T> T pick(SplittableRandom r, T[] items) {
        return items[r.nextInt(items.length)];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Analytics and the summary
    // ---------------------------------------------------------------------------------------------------------------

    static Map<String, Long> analyticsTotals() {
        // An explicit period that holds every lead of every run (the past 12 months and then some).
        Resp r = get(analyticsUrl + "/api/v1/analytics/conversion?groupBy=source&from=" + today.minusYears(3).format(MONTH)
                + "&to=" + today.format(MONTH), ANALYST, NONE);
        if (!r.ok()) {
            throw abort("analytics does not answer GET /api/v1/analytics/conversion (" + r.status + ")");
        }
        Map<String, Object> total = map(r.obj().get("total"));
        Map<String, Long> out = new HashMap<>();
        for (String k : List.of("leads", "won", "lost", "rejected")) {
            out.put(k, total.get(k) == null ? 0L : num(total.get(k)).longValue());
        }
        return out;
    }

    /** Seconds until analytics counted this run's leads and outcomes (it reads them from Kafka), at most 180. */
    static long waitForAnalytics(Map<String, Long> before, List<Lead> plan) {
        long created = plan.stream().filter(l -> "CREATED".equals(l.outcome)).count();
        long t = System.nanoTime();
        Map<String, Long> now = before;
        while (System.nanoTime() - t < 180_000_000_000L) {
            now = analyticsTotals();
            if (now.get("leads") >= before.get("leads") + created && now.get("won") >= before.get("won") + WON.sum()
                    && now.get("lost") >= before.get("lost") + LOST.sum()) {
                return (System.nanoTime() - t) / 1_000_000_000L;
            }
            sleep(1000);
        }
        note("analytics had not counted everything after 180 s: leads " + (now.get("leads") - before.get("leads")) + " of "
                + created + ", won " + (now.get("won") - before.get("won")) + " of " + WON.sum() + ", lost "
                + (now.get("lost") - before.get("lost")) + " of " + LOST.sum() + " (it may still be catching up)");
        return -1;
    }

    static void summary(List<Lead> plan, double seconds, double captureSeconds, double workSeconds, long analyticsSeconds) {
        long created = plan.stream().filter(l -> "CREATED".equals(l.outcome)).count();
        long rejected = plan.stream().filter(l -> "CREATED".equals(l.outcome) && "REJECTED".equals(l.status)).count();
        long dups = plan.stream().filter(l -> "DUPLICATE".equals(l.outcome)).count();
        long plannedDups = plan.stream().filter(l -> l.duplicateOf != null).count();
        long open = ASSIGNED.sum() - WON.sum() - LOST.sum();
        long won = WON.sum();
        long amount = WON_AMOUNT.values().stream().mapToLong(LongAdder::sum).sum();
        out("");
        out("Loaded in %s (captures %.0f s, follow-up work %.0f s, analytics caught up %s):", time(seconds), captureSeconds,
                workSeconds, analyticsSeconds < 0 ? "not within 180 s" : "after " + analyticsSeconds + " s");
        out("  leads captured   %5d  (%d qualified, %d rejected: incomplete contact or no need; %d through the public form)",
                created, created - rejected, rejected, FORM_POSTS.sum());
        out("  duplicates       %5d  repeat submissions linked to the earlier lead (of %d sent)", dups, plannedDups);
        out("  assigned         %5d  (%d polls while routing and follow-up caught up%s)", ASSIGNED.sum(), POLLS.sum(),
                NOT_ASSIGNED.sum() == 0 ? "" : "; " + NOT_ASSIGNED.sum() + " never got an owner in time");
        out("  follow-ups       %5d  logged by the owners, each with their own token; %d stage changes, %d regrade requests",
                FOLLOW_UPS.sum(), STAGES.sum(), REGRADES.sum());
        out("  outcomes         %5d won (¥%,d), %d lost, %d still open", won, amount, LOST.sum(), open);
        out("  requests         %5d  (%d retried, %d failed); where the time went:", REQUESTS.sum(), RETRIES.sum(), ERRORS.sum());
        LATENCY.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().nanos.sum(), a.getValue().nanos.sum())).limit(6)
                .forEach(e -> out("      %-52s %6d × %5.0f ms mean, %6.0f ms max", e.getKey(), e.getValue().count.sum(),
                        e.getValue().nanos.sum() / 1e6 / Math.max(1, e.getValue().count.sum()), e.getValue().max / 1e6));
        out("");
        out("  %-18s %-12s %6s %8s %5s %5s %8s", "source", "", "leads", "rejected", "won", "lost", "won/all");
        for (int i = 0; i < SOURCES.length; i++) {
            String s = SOURCES[i];
            List<Lead> of = plan.stream().filter(l -> s.equals(l.source) && "CREATED".equals(l.outcome)).toList();
            long w = of.stream().filter(l -> "WON".equals(l.result)).count();
            long lo = of.stream().filter(l -> "LOST".equals(l.result)).count();
            long rj = of.stream().filter(l -> "REJECTED".equals(l.status)).count();
            out("  %-18s %s %6d %8d %5d %5d %7.1f%%", s, SOURCE_WORDS[i] + "\u3000".repeat(6 - SOURCE_WORDS[i].length()), of.size(), rj, w, lo,
                    of.isEmpty() ? 0.0 : 100.0 * w / of.size());
        }
        if (ERRORS.sum() > 0) {
            out("");
            out("%d requests failed (each printed above%s):", ERRORS.sum(), errorLog == null ? "" : ", all in " + errorLog);
            printErrorKinds();
        }
        String from = today.minusDays(364).format(MONTH);
        String to = today.format(MONTH);
        String lastMonth = today.minusMonths(1).format(MONTH);
        out("");
        out("See it (an analyst's token; marketing and sales-manager tokens read the same tables):");
        out("  A=\"Authorization: Bearer $(deploy/local/token %s analyst)\"", ANALYST);
        out("  curl -s -H \"$A\" '%s/api/v1/analytics/conversion?groupBy=source,grade&from=%s&to=%s'", analyticsUrl, from, to);
        out("  curl -s -H \"$A\" '%s/api/v1/analytics/sources?from=%s&to=%s'", analyticsUrl, from, to);
        out("  curl -s -H \"$A\" '%s/api/v1/analytics/insights?from=%s&to=%s'", analyticsUrl, lastMonth, lastMonth);
        out("  curl -s -H \"$A\" '%s/api/v1/analytics/reviews/%s?format=html&lang=zh-CN' -o review.html", analyticsUrl, lastMonth);
    }

    static void printErrorKinds() {
        new TreeMap<>(ERROR_KINDS).forEach((k, v) -> System.err.printf("  %5d × %s%n", v.sum(), k));
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    static void printPlan(List<Lead> plan) {
        Map<String, int[]> bySource = new TreeMap<>();
        Map<String, Integer> byMonth = new TreeMap<>();
        Map<String, Integer> byGrade = new TreeMap<>();
        for (Lead l : plan) {
            int[] c = bySource.computeIfAbsent(l.source, k -> new int[3]);
            c[0]++;
            if (l.rejectKind != null) {
                c[1]++;
            }
            if (l.duplicateOf != null) {
                c[2]++;
            }
            byMonth.merge(l.registered.format(MONTH), 1, Integer::sum);
            byGrade.merge(l.plannedGrade, 1, Integer::sum);
        }
        bySource.forEach((s, c) -> out("  %-18s %5d leads, %3d to be rejected, %3d repeats", s, c[0], c[1], c[2]));
        out("  by month: %s", byMonth);
        out("  by planned grade: %s", byGrade);
        for (int i = 0; i < Math.min(8, plan.size()); i++) {
            Lead l = plan.get(i);
            out("  #%d %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s", l.idx, l.registered.format(ISO),
                    word(l.source), l.sourceDetail, l.company, l.contact, l.phone, l.email, l.need, l.budget, l.cycle,
                    l.intent, l.rejectKind == null ? "" : "reject:" + l.rejectKind);
        }
        plan.stream().filter(l -> l.duplicateOf != null).limit(2).forEach(l -> out("  repeat #%d of #%d: %s %s %s %s",
                l.idx, l.duplicateOf.idx, word(l.source), l.company, l.phone, l.email));
        plan.stream().filter(l -> l.formKey != null).limit(2).forEach(l -> out("  form post #%d to %s: %s %s %s",
                l.idx, l.formKey, l.company, l.contact, l.need));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON: a small reader and writer (JDK only)
    // ---------------------------------------------------------------------------------------------------------------

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    static Number num(Object o) {
        return o instanceof Number n ? n : o == null ? 0 : new BigDecimal(String.valueOf(o));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            Json j = new Json(text);
            j.ws();
            Object v = j.value();
            j.ws();
            if (j.i != j.s.length()) {
                throw new IllegalArgumentException("trailing characters at " + j.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        ws();
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        expect('}');
                        return m;
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        ws();
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        expect(']');
                        return l;
                    }
                }
                case '"':
                    return string();
                case 't':
                    i += 4;
                    return Boolean.TRUE;
                case 'f':
                    i += 5;
                    return Boolean.FALSE;
                case 'n':
                    i += 4;
                    return null;
                default: {
                    int st = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (st == i) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    }
                    return new BigDecimal(s.substring(st, i));
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(b, o);
            return b.toString();
        }

        private static void write(StringBuilder b, Object o) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof String str) {
                b.append('"');
                for (int k = 0; k < str.length(); k++) {
                    char c = str.charAt(k);
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (o instanceof Number || o instanceof Boolean) {
                b.append(o);
            } else if (o instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, String.valueOf(e.getKey()));
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            } else if (o instanceof Iterable<?> it) {
                b.append('[');
                boolean first = true;
                for (Object e : it) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, e);
                }
                b.append(']');
            } else {
                write(b, String.valueOf(o));
            }
        }
    }
}
