package io.leadflow.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.ConversionStats;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.Finding;
import io.leadflow.analytics.domain.InsightInput;
import io.leadflow.analytics.domain.InsightRules;
import io.leadflow.analytics.domain.InsightThresholds;
import io.leadflow.analytics.domain.Period;
import io.leadflow.analytics.domain.Ranking;
import io.leadflow.analytics.domain.SourceSuggestions;
import io.leadflow.analytics.domain.Trials;
import io.leadflow.events.testing.WordBundles;
import io.leadflow.events.vocabulary.Language;

/**
 * Every sentence the insight rules, the source suggestions and the trials say, in both languages, pinned as the
 * reader gets them: the wording lives in bundles, and moving a word there must not change one character of it.
 */
class InsightWordingTest {

    private static final Period Q3 = new Period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30));
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    /** Thresholds with figures of four digits and a rate that is no whole percent. */
    private static final InsightThresholds ODD = new InsightThresholds("HIGH", new BigDecimal("0.125"), 1000,
            new BigDecimal("0.20"), new BigDecimal("0.50"), 1200, new BigDecimal("0.50"), 3, new BigDecimal("0.60"), 5,
            10);

    private static ConversionStats stats(long leads, long won, long rejected, long... cycles) {
        return new ConversionStats(new ConversionCounts(leads, leads - rejected, rejected, 0, won, 0, BigDecimal.ZERO),
                Distribution.of(cycles));
    }

    /**
     * Every rule fires, every loss family has a source, and an unknown source (FAX_LINE) and an unknown reason code
     * (RESPONSE_TOO_LATE) show as sent.
     */
    private static InsightInput everyRule() {
        Map<String, ConversionStats> bySource = new LinkedHashMap<>();
        bySource.put("TRADE_SHOW", stats(50, 15, 0));
        bySource.put("WEBSITE_FORM", stats(100, 2, 40));
        bySource.put("FAX_LINE", stats(50, 1, 5));
        Map<String, Map<String, Long>> losses = new LinkedHashMap<>();
        losses.put("TRADE_SHOW", Map.of("BUDGET_INSUFFICIENT", 8L, "NO_NEED", 2L));
        losses.put("WEBSITE_FORM", Map.of("SLOW_RESPONSE", 6L, "PRICE", 1L));
        losses.put("PARTNER_REFERRAL", Map.of("NEED_MISMATCH", 5L));
        losses.put("SOCIAL_MEDIA", Map.of("COMPETITOR", 5L));
        losses.put("CUSTOMER_REFERRAL", Map.of("DECISION_DELAYED", 5L));
        losses.put("OTHER", Map.of("CONTACT_INVALID", 5L));
        losses.put("FAX_LINE", Map.of("RESPONSE_TOO_LATE", 6L));
        Map<String, Map<String, Long>> rejections = new LinkedHashMap<>();
        rejections.put("WEBSITE_FORM", Map.of("CONTACT_INCOMPLETE", 30L, "INDUSTRY_NOT_TARGETED", 10L));
        ConversionStats overall = new ConversionStats(new ConversionCounts(200, 155, 45, 0, 30, 0, BigDecimal.ZERO),
                Distribution.of(20, 50, 41));
        return new InsightInput(overall, Map.of("HIGH", stats(20, 2, 0)), bySource,
                Distribution.of(60 * 10, 60 * 50, 60 * 70), 4, losses, rejections,
                Map.of("rep-li", 4L, "rep-zhao", 1L), Map.of("SOCIAL_MEDIA", 3L, "TRADE_SHOW", 1L));
    }

    /** Four-digit counts, no measured response time, a source with no reasons, an unknown loss reason. */
    private static InsightInput bigAndBare() {
        Map<String, ConversionStats> bySource = new LinkedHashMap<>();
        bySource.put("WEBSITE_FORM", stats(12000, 100, 0));
        bySource.put("TRADE_SHOW", stats(18000, 2900, 0));
        ConversionStats overall = new ConversionStats(new ConversionCounts(30000, 30000, 0, 0, 3000, 0,
                BigDecimal.ZERO), Distribution.of(1500, 1601));
        return new InsightInput(overall, Map.of("HIGH", stats(12000, 1200, 0)), bySource, new Distribution(), 0,
                Map.of("TRADE_SHOW", Map.of("NEW_REASON_2025", 7L)), Map.of(),
                Map.of("rep-wang", 2500L, "rep-li", 500L), Map.of());
    }

    @Test
    void everyRuleInChinese() {
        assertThat(lines(Trials.attach(new InsightRules(InsightThresholds.DEFAULTS).findings(everyRule()),
                Q3, TODAY), Language.ZH)).isEqualTo("""
                HIGH_INTENT_LOW_CONVERSION|HIGH|null|0.1000|高意向线索转化率偏低|高意向线索 20 条成交 2 条,转化率 10%,低于 30%;首次响应中位数 50.0 小时,P90 70.0 小时,48 小时内响应 1/3|检查跟进响应速度(承诺 48 小时内首次响应)和方案匹配度|-|{leads=20, won=2, conversionRate=0.1000, threshold=0.30, firstResponseMedianHours=50.0, firstResponseP90Hours=70.0, respondedWithinPromise=1, responded=3, slaBreaches=4}
                SOURCE_MANY_LEADS_LOW_CONVERSION|WEBSITE_FORM|null|0.0200|官网表单线索数量多但转化率低|官网表单占线索 50%(100 条),转化率 2%,整体 15%;主要剔除原因:联系方式不完整 30、行业不符 10;主要流失原因:跟进响应慢 6、价格因素 1|优化官网表单渠道的线索筛选标准|-|{leads=100, shareOfLeads=0.5000, won=2, conversionRate=0.0200, overallConversionRate=0.1500, rejected=40, rejectionReasons=[Counted[value=CONTACT_INCOMPLETE, count=30], Counted[value=INDUSTRY_NOT_TARGETED, count=10]], lossReasons=[Counted[value=SLOW_RESPONSE, count=6], Counted[value=PRICE, count=1]]}
                SOURCE_MANY_LEADS_LOW_CONVERSION|FAX_LINE|null|0.0200|FAX_LINE线索数量多但转化率低|FAX_LINE占线索 25%(50 条),转化率 2%,整体 15%;主要剔除原因:无;主要流失原因:RESPONSE_TOO_LATE 6|优化FAX_LINE渠道的线索筛选标准|-|{leads=50, shareOfLeads=0.2500, won=1, conversionRate=0.0200, overallConversionRate=0.1500, rejected=5, rejectionReasons=[], lossReasons=[Counted[value=RESPONSE_TOO_LATE, count=6]]}
                LONG_CYCLE|ALL|null|37.0|平均转化周期过长|平均转化周期 37.0 天(中位数 41.0 天),超过 30 天|缩短跟进间隔或简化决策流程|-|{won=30, averageCycleDays=37.0, medianCycleDays=41.0, thresholdDays=30}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-li|null|0.8000|首次响应超时集中在rep-li|rep-li 占首次响应超时 4/5(80%)|复核该跟进人的线索负载与首次响应安排,必要时重新分配|-|{ownerId=rep-li, breaches=4, allBreaches=5, share=0.8000}
                SLA_BREACHES_CONCENTRATED|SOURCE:SOCIAL_MEDIA|null|0.7500|首次响应超时集中在社交媒体|社交媒体 占首次响应超时 3/4(75%)|为该来源设置更短的响应时限并优先分配|试算:社交媒体线索24小时内首次响应,在本期线索上的首次响应达标情况|{source=SOCIAL_MEDIA, breaches=3, allBreaches=4, share=0.7500}
                LOSS_REASON_DOMINANT|TRADE_SHOW:BUDGET_INSUFFICIENT|null|0.8000|展会流失主要因为预算不足|展会流失 10 条,其中预算不足 8 条(80%)|增加展会前客户筛选,提前沟通预算|-|{source=TRADE_SHOW, lost=10, reason=BUDGET_INSUFFICIENT, count=8, share=0.8000}
                LOSS_REASON_DOMINANT|WEBSITE_FORM:SLOW_RESPONSE|null|0.8571|官网表单流失主要因为跟进响应慢|官网表单流失 7 条,其中跟进响应慢 6 条(85.71%)|缩短官网表单线索响应时间至24小时内|试算:官网表单线索24小时内首次响应,在本期线索上的首次响应达标情况|{source=WEBSITE_FORM, lost=7, reason=SLOW_RESPONSE, count=6, share=0.8571}
                LOSS_REASON_DOMINANT|PARTNER_REFERRAL:NEED_MISMATCH|null|1.0000|合作伙伴推荐流失主要因为需求不匹配|合作伙伴推荐流失 5 条,其中需求不匹配 5 条(100%)|优化合作伙伴推荐渠道的线索筛选标准|-|{source=PARTNER_REFERRAL, lost=5, reason=NEED_MISMATCH, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|SOCIAL_MEDIA:COMPETITOR|null|1.0000|社交媒体流失主要因为选择竞品|社交媒体流失 5 条,其中选择竞品 5 条(100%)|方案中补充竞品对比|-|{source=SOCIAL_MEDIA, lost=5, reason=COMPETITOR, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|CUSTOMER_REFERRAL:DECISION_DELAYED|null|1.0000|客户转介绍流失主要因为决策搁置|客户转介绍流失 5 条,其中决策搁置 5 条(100%)|将暂不决策的客户转入培育,定期推送资讯|-|{source=CUSTOMER_REFERRAL, lost=5, reason=DECISION_DELAYED, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|OTHER:CONTACT_INVALID|null|1.0000|其他流失主要因为联系方式错误|其他流失 5 条,其中联系方式错误 5 条(100%)|在销售复盘会上复盘该原因并制定对策|-|{source=OTHER, lost=5, reason=CONTACT_INVALID, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|FAX_LINE:RESPONSE_TOO_LATE|null|1.0000|FAX_LINE流失主要因为RESPONSE_TOO_LATE|FAX_LINE流失 6 条,其中RESPONSE_TOO_LATE 6 条(100%)|缩短FAX_LINE线索响应时间至24小时内|试算:FAX_LINE线索24小时内首次响应,在本期线索上的首次响应达标情况|{source=FAX_LINE, lost=6, reason=RESPONSE_TOO_LATE, count=6, share=1.0000}""");
    }

    @Test
    void everyRuleInEnglish() {
        assertThat(lines(Trials.attach(new InsightRules(InsightThresholds.DEFAULTS).findings(everyRule()),
                Q3, TODAY), Language.EN)).isEqualTo("""
                HIGH_INTENT_LOW_CONVERSION|HIGH|null|0.1000|High-intent leads convert poorly|2 of 20 high-intent leads won (10%); first response median 50.0 h, p90 70.0 h, 1 of 3 answered within 48 h|Check response speed (first response promised within 48 h) and how well the proposal fits the need|-|{leads=20, won=2, conversionRate=0.1000, threshold=0.30, firstResponseMedianHours=50.0, firstResponseP90Hours=70.0, respondedWithinPromise=1, responded=3, slaBreaches=4}
                SOURCE_MANY_LEADS_LOW_CONVERSION|WEBSITE_FORM|null|0.0200|Website form brings many leads but converts poorly|Website form is 50% of leads (100) converting at 2% against 15% overall; rejected for Contact details incomplete 30, Industry not targeted 10; lost to Slow response 6, Price 1|Tighten the screening standard of Website form|-|{leads=100, shareOfLeads=0.5000, won=2, conversionRate=0.0200, overallConversionRate=0.1500, rejected=40, rejectionReasons=[Counted[value=CONTACT_INCOMPLETE, count=30], Counted[value=INDUSTRY_NOT_TARGETED, count=10]], lossReasons=[Counted[value=SLOW_RESPONSE, count=6], Counted[value=PRICE, count=1]]}
                SOURCE_MANY_LEADS_LOW_CONVERSION|FAX_LINE|null|0.0200|FAX_LINE brings many leads but converts poorly|FAX_LINE is 25% of leads (50) converting at 2% against 15% overall; rejected for none; lost to RESPONSE_TOO_LATE 6|Tighten the screening standard of FAX_LINE|-|{leads=50, shareOfLeads=0.2500, won=1, conversionRate=0.0200, overallConversionRate=0.1500, rejected=5, rejectionReasons=[], lossReasons=[Counted[value=RESPONSE_TOO_LATE, count=6]]}
                LONG_CYCLE|ALL|null|37.0|The conversion cycle is long|Average cycle 37.0 days (median 41.0), above 30 days|Shorten follow-up intervals or simplify the decision process|-|{won=30, averageCycleDays=37.0, medianCycleDays=41.0, thresholdDays=30}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-li|null|0.8000|First-response breaches concentrate on rep-li|rep-li holds 4 of 5 breaches (80%)|Review this owner's load and first-response routine; reassign if needed|-|{ownerId=rep-li, breaches=4, allBreaches=5, share=0.8000}
                SLA_BREACHES_CONCENTRATED|SOURCE:SOCIAL_MEDIA|null|0.7500|First-response breaches concentrate on Social media|Social media holds 3 of 4 breaches (75%)|Give this source a tighter response SLA and assign it first|Try a 24-hour first touch for Social media leads on this period's leads|{source=SOCIAL_MEDIA, breaches=3, allBreaches=4, share=0.7500}
                LOSS_REASON_DOMINANT|TRADE_SHOW:BUDGET_INSUFFICIENT|null|0.8000|Trade show leads are mostly lost to Budget insufficient|8 of 10 lost Trade show leads (80%): Budget insufficient|Qualify budget early for Trade show|-|{source=TRADE_SHOW, lost=10, reason=BUDGET_INSUFFICIENT, count=8, share=0.8000}
                LOSS_REASON_DOMINANT|WEBSITE_FORM:SLOW_RESPONSE|null|0.8571|Website form leads are mostly lost to Slow response|6 of 7 lost Website form leads (85.71%): Slow response|Answer Website form leads within 24 hours|Try a 24-hour first touch for Website form leads on this period's leads|{source=WEBSITE_FORM, lost=7, reason=SLOW_RESPONSE, count=6, share=0.8571}
                LOSS_REASON_DOMINANT|PARTNER_REFERRAL:NEED_MISMATCH|null|1.0000|Partner referral leads are mostly lost to Need does not fit|5 of 5 lost Partner referral leads (100%): Need does not fit|Tighten the screening of Partner referral|-|{source=PARTNER_REFERRAL, lost=5, reason=NEED_MISMATCH, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|SOCIAL_MEDIA:COMPETITOR|null|1.0000|Social media leads are mostly lost to Chose a competitor|5 of 5 lost Social media leads (100%): Chose a competitor|Add a competitor comparison to proposals|-|{source=SOCIAL_MEDIA, lost=5, reason=COMPETITOR, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|CUSTOMER_REFERRAL:DECISION_DELAYED|null|1.0000|Customer referral leads are mostly lost to Decision postponed|5 of 5 lost Customer referral leads (100%): Decision postponed|Move undecided customers to nurturing|-|{source=CUSTOMER_REFERRAL, lost=5, reason=DECISION_DELAYED, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|OTHER:CONTACT_INVALID|null|1.0000|Other leads are mostly lost to Contact details invalid|5 of 5 lost Other leads (100%): Contact details invalid|Review this cause at the monthly sales review|-|{source=OTHER, lost=5, reason=CONTACT_INVALID, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|FAX_LINE:RESPONSE_TOO_LATE|null|1.0000|FAX_LINE leads are mostly lost to RESPONSE_TOO_LATE|6 of 6 lost FAX_LINE leads (100%): RESPONSE_TOO_LATE|Answer FAX_LINE leads within 24 hours|Try a 24-hour first touch for FAX_LINE leads on this period's leads|{source=FAX_LINE, lost=6, reason=RESPONSE_TOO_LATE, count=6, share=1.0000}""");
    }

    @Test
    void bigNumbersAndEmptyListsInChinese() {
        assertThat(lines(Trials.attach(new InsightRules(ODD).findings(bigAndBare()), Q3, TODAY),
                Language.ZH)).isEqualTo("""
                HIGH_INTENT_LOW_CONVERSION|HIGH|null|0.1000|高意向线索转化率偏低|高意向线索 12000 条成交 1200 条,转化率 10%,低于 12.5%;首次响应中位数 - 小时,P90 - 小时,1000 小时内响应 0/0|检查跟进响应速度(承诺 1000 小时内首次响应)和方案匹配度|-|{leads=12000, won=1200, conversionRate=0.1000, threshold=0.125, firstResponseMedianHours=null, firstResponseP90Hours=null, respondedWithinPromise=0, responded=0, slaBreaches=0}
                SOURCE_MANY_LEADS_LOW_CONVERSION|WEBSITE_FORM|null|0.0083|官网表单线索数量多但转化率低|官网表单占线索 40%(12000 条),转化率 0.83%,整体 10%;主要剔除原因:无;主要流失原因:无|优化官网表单渠道的线索筛选标准|-|{leads=12000, shareOfLeads=0.4000, won=100, conversionRate=0.0083, overallConversionRate=0.1000, rejected=0, rejectionReasons=[], lossReasons=[]}
                LONG_CYCLE|ALL|null|1550.5|平均转化周期过长|平均转化周期 1550.5 天(中位数 1550.5 天),超过 1200 天|缩短跟进间隔或简化决策流程|-|{won=3000, averageCycleDays=1550.5, medianCycleDays=1550.5, thresholdDays=1200}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-wang|null|0.8333|首次响应超时集中在rep-wang|rep-wang 占首次响应超时 2500/3000(83.33%)|复核该跟进人的线索负载与首次响应安排,必要时重新分配|-|{ownerId=rep-wang, breaches=2500, allBreaches=3000, share=0.8333}
                LOSS_REASON_DOMINANT|TRADE_SHOW:NEW_REASON_2025|null|1.0000|展会流失主要因为NEW_REASON_2025|展会流失 7 条,其中NEW_REASON_2025 7 条(100%)|在销售复盘会上复盘该原因并制定对策|-|{source=TRADE_SHOW, lost=7, reason=NEW_REASON_2025, count=7, share=1.0000}""");
    }

    @Test
    void bigNumbersAndEmptyListsInEnglish() {
        assertThat(lines(Trials.attach(new InsightRules(ODD).findings(bigAndBare()), Q3, TODAY),
                Language.EN)).isEqualTo("""
                HIGH_INTENT_LOW_CONVERSION|HIGH|null|0.1000|High-intent leads convert poorly|1200 of 12000 high-intent leads won (10%); first response median - h, p90 - h, 0 of 0 answered within 1000 h|Check response speed (first response promised within 1000 h) and how well the proposal fits the need|-|{leads=12000, won=1200, conversionRate=0.1000, threshold=0.125, firstResponseMedianHours=null, firstResponseP90Hours=null, respondedWithinPromise=0, responded=0, slaBreaches=0}
                SOURCE_MANY_LEADS_LOW_CONVERSION|WEBSITE_FORM|null|0.0083|Website form brings many leads but converts poorly|Website form is 40% of leads (12000) converting at 0.83% against 10% overall; rejected for none; lost to none|Tighten the screening standard of Website form|-|{leads=12000, shareOfLeads=0.4000, won=100, conversionRate=0.0083, overallConversionRate=0.1000, rejected=0, rejectionReasons=[], lossReasons=[]}
                LONG_CYCLE|ALL|null|1550.5|The conversion cycle is long|Average cycle 1550.5 days (median 1550.5), above 1200 days|Shorten follow-up intervals or simplify the decision process|-|{won=3000, averageCycleDays=1550.5, medianCycleDays=1550.5, thresholdDays=1200}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-wang|null|0.8333|First-response breaches concentrate on rep-wang|rep-wang holds 2500 of 3000 breaches (83.33%)|Review this owner's load and first-response routine; reassign if needed|-|{ownerId=rep-wang, breaches=2500, allBreaches=3000, share=0.8333}
                LOSS_REASON_DOMINANT|TRADE_SHOW:NEW_REASON_2025|null|1.0000|Trade show leads are mostly lost to NEW_REASON_2025|7 of 7 lost Trade show leads (100%): NEW_REASON_2025|Review this cause at the monthly sales review|-|{source=TRADE_SHOW, lost=7, reason=NEW_REASON_2025, count=7, share=1.0000}""");
    }

    @Test
    void aComparedPeriodKeepsItsWordsInBothLanguages() {
        InsightRules rules = new InsightRules(InsightThresholds.DEFAULTS);
        assertThat(lines(rules.evaluate(bigAndBare(), everyRule()), Language.ZH)).isEqualTo("""
                HIGH_INTENT_LOW_CONVERSION|HIGH|UNCHANGED|0.1000|高意向线索转化率偏低|高意向线索 12000 条成交 1200 条,转化率 10%,低于 30%;首次响应中位数 - 小时,P90 - 小时,48 小时内响应 0/0|检查跟进响应速度(承诺 48 小时内首次响应)和方案匹配度|-|{leads=12000, won=1200, conversionRate=0.1000, threshold=0.30, firstResponseMedianHours=null, firstResponseP90Hours=null, respondedWithinPromise=0, responded=0, slaBreaches=0}
                SOURCE_MANY_LEADS_LOW_CONVERSION|WEBSITE_FORM|WORSE|0.0083|官网表单线索数量多但转化率低|官网表单占线索 40%(12000 条),转化率 0.83%,整体 10%;主要剔除原因:无;主要流失原因:无|优化官网表单渠道的线索筛选标准|-|{leads=12000, shareOfLeads=0.4000, won=100, conversionRate=0.0083, overallConversionRate=0.1000, rejected=0, rejectionReasons=[], lossReasons=[]}
                LONG_CYCLE|ALL|WORSE|1550.5|平均转化周期过长|平均转化周期 1550.5 天(中位数 1550.5 天),超过 30 天|缩短跟进间隔或简化决策流程|-|{won=3000, averageCycleDays=1550.5, medianCycleDays=1550.5, thresholdDays=30}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-wang|NEW|0.8333|首次响应超时集中在rep-wang|rep-wang 占首次响应超时 2500/3000(83.33%)|复核该跟进人的线索负载与首次响应安排,必要时重新分配|-|{ownerId=rep-wang, breaches=2500, allBreaches=3000, share=0.8333}
                LOSS_REASON_DOMINANT|TRADE_SHOW:NEW_REASON_2025|NEW|1.0000|展会流失主要因为NEW_REASON_2025|展会流失 7 条,其中NEW_REASON_2025 7 条(100%)|在销售复盘会上复盘该原因并制定对策|-|{source=TRADE_SHOW, lost=7, reason=NEW_REASON_2025, count=7, share=1.0000}
                SOURCE_MANY_LEADS_LOW_CONVERSION|FAX_LINE|RESOLVED|0.0200|FAX_LINE线索数量多但转化率低|FAX_LINE占线索 25%(50 条),转化率 2%,整体 15%;主要剔除原因:无;主要流失原因:RESPONSE_TOO_LATE 6|优化FAX_LINE渠道的线索筛选标准|-|{leads=50, shareOfLeads=0.2500, won=1, conversionRate=0.0200, overallConversionRate=0.1500, rejected=5, rejectionReasons=[], lossReasons=[Counted[value=RESPONSE_TOO_LATE, count=6]]}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-li|RESOLVED|0.8000|首次响应超时集中在rep-li|rep-li 占首次响应超时 4/5(80%)|复核该跟进人的线索负载与首次响应安排,必要时重新分配|-|{ownerId=rep-li, breaches=4, allBreaches=5, share=0.8000}
                SLA_BREACHES_CONCENTRATED|SOURCE:SOCIAL_MEDIA|RESOLVED|0.7500|首次响应超时集中在社交媒体|社交媒体 占首次响应超时 3/4(75%)|为该来源设置更短的响应时限并优先分配|-|{source=SOCIAL_MEDIA, breaches=3, allBreaches=4, share=0.7500}
                LOSS_REASON_DOMINANT|TRADE_SHOW:BUDGET_INSUFFICIENT|RESOLVED|0.8000|展会流失主要因为预算不足|展会流失 10 条,其中预算不足 8 条(80%)|增加展会前客户筛选,提前沟通预算|-|{source=TRADE_SHOW, lost=10, reason=BUDGET_INSUFFICIENT, count=8, share=0.8000}
                LOSS_REASON_DOMINANT|WEBSITE_FORM:SLOW_RESPONSE|RESOLVED|0.8571|官网表单流失主要因为跟进响应慢|官网表单流失 7 条,其中跟进响应慢 6 条(85.71%)|缩短官网表单线索响应时间至24小时内|-|{source=WEBSITE_FORM, lost=7, reason=SLOW_RESPONSE, count=6, share=0.8571}
                LOSS_REASON_DOMINANT|PARTNER_REFERRAL:NEED_MISMATCH|RESOLVED|1.0000|合作伙伴推荐流失主要因为需求不匹配|合作伙伴推荐流失 5 条,其中需求不匹配 5 条(100%)|优化合作伙伴推荐渠道的线索筛选标准|-|{source=PARTNER_REFERRAL, lost=5, reason=NEED_MISMATCH, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|SOCIAL_MEDIA:COMPETITOR|RESOLVED|1.0000|社交媒体流失主要因为选择竞品|社交媒体流失 5 条,其中选择竞品 5 条(100%)|方案中补充竞品对比|-|{source=SOCIAL_MEDIA, lost=5, reason=COMPETITOR, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|CUSTOMER_REFERRAL:DECISION_DELAYED|RESOLVED|1.0000|客户转介绍流失主要因为决策搁置|客户转介绍流失 5 条,其中决策搁置 5 条(100%)|将暂不决策的客户转入培育,定期推送资讯|-|{source=CUSTOMER_REFERRAL, lost=5, reason=DECISION_DELAYED, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|OTHER:CONTACT_INVALID|RESOLVED|1.0000|其他流失主要因为联系方式错误|其他流失 5 条,其中联系方式错误 5 条(100%)|在销售复盘会上复盘该原因并制定对策|-|{source=OTHER, lost=5, reason=CONTACT_INVALID, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|FAX_LINE:RESPONSE_TOO_LATE|RESOLVED|1.0000|FAX_LINE流失主要因为RESPONSE_TOO_LATE|FAX_LINE流失 6 条,其中RESPONSE_TOO_LATE 6 条(100%)|缩短FAX_LINE线索响应时间至24小时内|-|{source=FAX_LINE, lost=6, reason=RESPONSE_TOO_LATE, count=6, share=1.0000}""");
        assertThat(lines(rules.evaluate(bigAndBare(), everyRule()), Language.EN)).isEqualTo("""
                HIGH_INTENT_LOW_CONVERSION|HIGH|UNCHANGED|0.1000|High-intent leads convert poorly|1200 of 12000 high-intent leads won (10%); first response median - h, p90 - h, 0 of 0 answered within 48 h|Check response speed (first response promised within 48 h) and how well the proposal fits the need|-|{leads=12000, won=1200, conversionRate=0.1000, threshold=0.30, firstResponseMedianHours=null, firstResponseP90Hours=null, respondedWithinPromise=0, responded=0, slaBreaches=0}
                SOURCE_MANY_LEADS_LOW_CONVERSION|WEBSITE_FORM|WORSE|0.0083|Website form brings many leads but converts poorly|Website form is 40% of leads (12000) converting at 0.83% against 10% overall; rejected for none; lost to none|Tighten the screening standard of Website form|-|{leads=12000, shareOfLeads=0.4000, won=100, conversionRate=0.0083, overallConversionRate=0.1000, rejected=0, rejectionReasons=[], lossReasons=[]}
                LONG_CYCLE|ALL|WORSE|1550.5|The conversion cycle is long|Average cycle 1550.5 days (median 1550.5), above 30 days|Shorten follow-up intervals or simplify the decision process|-|{won=3000, averageCycleDays=1550.5, medianCycleDays=1550.5, thresholdDays=30}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-wang|NEW|0.8333|First-response breaches concentrate on rep-wang|rep-wang holds 2500 of 3000 breaches (83.33%)|Review this owner's load and first-response routine; reassign if needed|-|{ownerId=rep-wang, breaches=2500, allBreaches=3000, share=0.8333}
                LOSS_REASON_DOMINANT|TRADE_SHOW:NEW_REASON_2025|NEW|1.0000|Trade show leads are mostly lost to NEW_REASON_2025|7 of 7 lost Trade show leads (100%): NEW_REASON_2025|Review this cause at the monthly sales review|-|{source=TRADE_SHOW, lost=7, reason=NEW_REASON_2025, count=7, share=1.0000}
                SOURCE_MANY_LEADS_LOW_CONVERSION|FAX_LINE|RESOLVED|0.0200|FAX_LINE brings many leads but converts poorly|FAX_LINE is 25% of leads (50) converting at 2% against 15% overall; rejected for none; lost to RESPONSE_TOO_LATE 6|Tighten the screening standard of FAX_LINE|-|{leads=50, shareOfLeads=0.2500, won=1, conversionRate=0.0200, overallConversionRate=0.1500, rejected=5, rejectionReasons=[], lossReasons=[Counted[value=RESPONSE_TOO_LATE, count=6]]}
                SLA_BREACHES_CONCENTRATED|OWNER:rep-li|RESOLVED|0.8000|First-response breaches concentrate on rep-li|rep-li holds 4 of 5 breaches (80%)|Review this owner's load and first-response routine; reassign if needed|-|{ownerId=rep-li, breaches=4, allBreaches=5, share=0.8000}
                SLA_BREACHES_CONCENTRATED|SOURCE:SOCIAL_MEDIA|RESOLVED|0.7500|First-response breaches concentrate on Social media|Social media holds 3 of 4 breaches (75%)|Give this source a tighter response SLA and assign it first|-|{source=SOCIAL_MEDIA, breaches=3, allBreaches=4, share=0.7500}
                LOSS_REASON_DOMINANT|TRADE_SHOW:BUDGET_INSUFFICIENT|RESOLVED|0.8000|Trade show leads are mostly lost to Budget insufficient|8 of 10 lost Trade show leads (80%): Budget insufficient|Qualify budget early for Trade show|-|{source=TRADE_SHOW, lost=10, reason=BUDGET_INSUFFICIENT, count=8, share=0.8000}
                LOSS_REASON_DOMINANT|WEBSITE_FORM:SLOW_RESPONSE|RESOLVED|0.8571|Website form leads are mostly lost to Slow response|6 of 7 lost Website form leads (85.71%): Slow response|Answer Website form leads within 24 hours|-|{source=WEBSITE_FORM, lost=7, reason=SLOW_RESPONSE, count=6, share=0.8571}
                LOSS_REASON_DOMINANT|PARTNER_REFERRAL:NEED_MISMATCH|RESOLVED|1.0000|Partner referral leads are mostly lost to Need does not fit|5 of 5 lost Partner referral leads (100%): Need does not fit|Tighten the screening of Partner referral|-|{source=PARTNER_REFERRAL, lost=5, reason=NEED_MISMATCH, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|SOCIAL_MEDIA:COMPETITOR|RESOLVED|1.0000|Social media leads are mostly lost to Chose a competitor|5 of 5 lost Social media leads (100%): Chose a competitor|Add a competitor comparison to proposals|-|{source=SOCIAL_MEDIA, lost=5, reason=COMPETITOR, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|CUSTOMER_REFERRAL:DECISION_DELAYED|RESOLVED|1.0000|Customer referral leads are mostly lost to Decision postponed|5 of 5 lost Customer referral leads (100%): Decision postponed|Move undecided customers to nurturing|-|{source=CUSTOMER_REFERRAL, lost=5, reason=DECISION_DELAYED, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|OTHER:CONTACT_INVALID|RESOLVED|1.0000|Other leads are mostly lost to Contact details invalid|5 of 5 lost Other leads (100%): Contact details invalid|Review this cause at the monthly sales review|-|{source=OTHER, lost=5, reason=CONTACT_INVALID, count=5, share=1.0000}
                LOSS_REASON_DOMINANT|FAX_LINE:RESPONSE_TOO_LATE|RESOLVED|1.0000|FAX_LINE leads are mostly lost to RESPONSE_TOO_LATE|6 of 6 lost FAX_LINE leads (100%): RESPONSE_TOO_LATE|Answer FAX_LINE leads within 24 hours|-|{source=FAX_LINE, lost=6, reason=RESPONSE_TOO_LATE, count=6, share=1.0000}""");
    }

    @Test
    void everySuggestionInChinese() {
        assertThat(suggestions(SourceSuggestions.DEFAULTS, Language.ZH)).isEqualTo("""
                TRADE_SHOW|QUALIFY_BUDGET_EARLY|增加展会前客户筛选,提前沟通预算
                TRADE_SHOW|ANSWER_FASTER|缩短展会线索响应时间至24小时内
                TRADE_SHOW|TIGHTEN_SCREENING|优化展会渠道的线索筛选标准(最常见剔除原因:联系方式不完整)
                TRADE_SHOW|SHORTEN_CYCLE|缩短跟进间隔或简化决策流程
                WEBSITE_FORM|ANSWER_FASTER|缩短官网表单线索响应时间至24小时内
                WEBSITE_FORM|TIGHTEN_SCREENING|优化官网表单渠道的线索筛选标准
                WEBSITE_FORM|SHORTEN_CYCLE|缩短跟进间隔或简化决策流程
                PARTNER_REFERRAL|CLARIFY_NEED|首次沟通时确认需求匹配度,减少无效跟进
                SOCIAL_MEDIA|COMPETITIVE_PROPOSAL|方案中补充竞品对比,突出差异化优势
                FAX_LINE|QUALIFY_BUDGET_EARLY|增加FAX_LINE前客户筛选,提前沟通预算
                FAX_LINE|ANSWER_FASTER|缩短FAX_LINE线索响应时间至24小时内
                FAX_LINE|TIGHTEN_SCREENING|优化FAX_LINE渠道的线索筛选标准(最常见剔除原因:NEW_REASON_2025)
                FAX_LINE|SHORTEN_CYCLE|缩短跟进间隔或简化决策流程""");
        assertThat(suggestions(new SourceSuggestions(new BigDecimal("0.10"), 10, 1000, 30), Language.ZH))
                .isEqualTo("""
                        TRADE_SHOW|QUALIFY_BUDGET_EARLY|增加展会前客户筛选,提前沟通预算
                        TRADE_SHOW|TIGHTEN_SCREENING|优化展会渠道的线索筛选标准(最常见剔除原因:联系方式不完整)
                        TRADE_SHOW|SHORTEN_CYCLE|缩短跟进间隔或简化决策流程
                        WEBSITE_FORM|ANSWER_FASTER|缩短官网表单线索响应时间至1000小时内
                        WEBSITE_FORM|TIGHTEN_SCREENING|优化官网表单渠道的线索筛选标准
                        WEBSITE_FORM|SHORTEN_CYCLE|缩短跟进间隔或简化决策流程
                        PARTNER_REFERRAL|CLARIFY_NEED|首次沟通时确认需求匹配度,减少无效跟进
                        SOCIAL_MEDIA|COMPETITIVE_PROPOSAL|方案中补充竞品对比,突出差异化优势
                        FAX_LINE|QUALIFY_BUDGET_EARLY|增加FAX_LINE前客户筛选,提前沟通预算
                        FAX_LINE|TIGHTEN_SCREENING|优化FAX_LINE渠道的线索筛选标准(最常见剔除原因:NEW_REASON_2025)
                        FAX_LINE|SHORTEN_CYCLE|缩短跟进间隔或简化决策流程""");
    }

    @Test
    void everySuggestionInEnglish() {
        assertThat(suggestions(SourceSuggestions.DEFAULTS, Language.EN)).isEqualTo("""
                TRADE_SHOW|QUALIFY_BUDGET_EARLY|Screen trade show leads before first contact and raise budget early
                TRADE_SHOW|ANSWER_FASTER|Answer trade show leads within 24 hours
                TRADE_SHOW|TIGHTEN_SCREENING|Tighten the screening of trade show leads (most common rejection: Contact details incomplete)
                TRADE_SHOW|SHORTEN_CYCLE|Shorten follow-up intervals or simplify the decision process
                WEBSITE_FORM|ANSWER_FASTER|Answer website form leads within 24 hours
                WEBSITE_FORM|TIGHTEN_SCREENING|Tighten the screening of website form leads
                WEBSITE_FORM|SHORTEN_CYCLE|Shorten follow-up intervals or simplify the decision process
                PARTNER_REFERRAL|CLARIFY_NEED|Confirm the need fits on the first call to stop chasing unfit leads
                SOCIAL_MEDIA|COMPETITIVE_PROPOSAL|Add a competitor comparison to proposals
                FAX_LINE|QUALIFY_BUDGET_EARLY|Screen fax_line leads before first contact and raise budget early
                FAX_LINE|ANSWER_FASTER|Answer fax_line leads within 24 hours
                FAX_LINE|TIGHTEN_SCREENING|Tighten the screening of fax_line leads (most common rejection: NEW_REASON_2025)
                FAX_LINE|SHORTEN_CYCLE|Shorten follow-up intervals or simplify the decision process""");
        assertThat(suggestions(new SourceSuggestions(new BigDecimal("0.10"), 10, 1000, 30), Language.EN))
                .isEqualTo("""
                        TRADE_SHOW|QUALIFY_BUDGET_EARLY|Screen trade show leads before first contact and raise budget early
                        TRADE_SHOW|TIGHTEN_SCREENING|Tighten the screening of trade show leads (most common rejection: Contact details incomplete)
                        TRADE_SHOW|SHORTEN_CYCLE|Shorten follow-up intervals or simplify the decision process
                        WEBSITE_FORM|ANSWER_FASTER|Answer website form leads within 1000 hours
                        WEBSITE_FORM|TIGHTEN_SCREENING|Tighten the screening of website form leads
                        WEBSITE_FORM|SHORTEN_CYCLE|Shorten follow-up intervals or simplify the decision process
                        PARTNER_REFERRAL|CLARIFY_NEED|Confirm the need fits on the first call to stop chasing unfit leads
                        SOCIAL_MEDIA|COMPETITIVE_PROPOSAL|Add a competitor comparison to proposals
                        FAX_LINE|QUALIFY_BUDGET_EARLY|Screen fax_line leads before first contact and raise budget early
                        FAX_LINE|TIGHTEN_SCREENING|Tighten the screening of fax_line leads (most common rejection: NEW_REASON_2025)
                        FAX_LINE|SHORTEN_CYCLE|Shorten follow-up intervals or simplify the decision process""");
    }

    /** A message missing in Chinese would be read in English. */
    @Test
    void theTwoBundlesHoldTheSameMessages() {
        assertThat(WordBundles.keys(InsightWording.BUNDLE + "_zh.properties", InsightWordingTest.class)).isNotEmpty()
                .isEqualTo(WordBundles.keys(InsightWording.BUNDLE + ".properties", InsightWordingTest.class));
    }

    /** What an API client reads: the same fields in the same order, whichever record carries them. */
    @Test
    void theJsonOfFindingsAndSuggestionsKeepsItsShape() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ReportViews.FindingView> findings = Trials.attach(new InsightRules(InsightThresholds.DEFAULTS)
                .findings(everyRule()), Q3, TODAY).stream().map(f -> ReportViews.FindingView.of(f, Language.EN))
                .toList();
        assertThat(json.writeValueAsString(findings.get(4))).isEqualTo("""
                {"rule":"SLA_BREACHES_CONCENTRATED","subject":"OWNER:rep-li","title":"First-response breaches concentrate on rep-li","detail":"rep-li holds 4 of 5 breaches (80%)","numbers":{"ownerId":"rep-li","breaches":4,"allBreaches":5,"share":0.8000},"action":"Review this owner's load and first-response routine; reassign if needed","metric":0.8000,"higherIsBetter":false,"trend":null,"previousMetric":null,"trial":null}""");
        // a trial's body is built of Map.of, whose order changes from run to run: the rest is pinned as it reads
        ObjectNode tried = json.valueToTree(findings.get(5));
        ((ObjectNode) tried.get("trial")).remove("body");
        assertThat(json.writeValueAsString(tried)).isEqualTo("""
                {"rule":"SLA_BREACHES_CONCENTRATED","subject":"SOURCE:SOCIAL_MEDIA","title":"First-response breaches concentrate on Social media","detail":"Social media holds 3 of 4 breaches (75%)","numbers":{"source":"SOCIAL_MEDIA","breaches":3,"allBreaches":4,"share":0.75},"action":"Give this source a tighter response SLA and assign it first","metric":0.75,"higherIsBetter":false,"trend":null,"previousMetric":null,"trial":{"service":"followup-service","method":"POST","path":"/api/v1/cadence-policy/what-ifs","description":"Try a 24-hour first touch for Social media leads on this period's leads"}}""");
        assertThat(json.writeValueAsString(SourceSuggestions.DEFAULTS.suggest("TRADE_SHOW",
                new ConversionStats(new ConversionCounts(100, 100, 0, 0, 5, 0, BigDecimal.ZERO), new Distribution()),
                List.of(), List.of(), new Distribution()).stream().map(x -> Views.SuggestionView.of(x, Language.ZH))
                .toList())).isEqualTo("""
                [{"code":"TIGHTEN_SCREENING","text":"优化展会渠道的线索筛选标准"}]""");
    }

    /**
     * Budget, slow answers (by loss and by measured time), need fit, competitors, low conversion with and without a
     * rejection reason, a long cycle; an unknown source and an unknown rejection code.
     */
    private static String suggestions(SourceSuggestions rules, Language language) {
        ConversionStats lowAndLong = new ConversionStats(new ConversionCounts(100, 100, 0, 0, 5, 0, BigDecimal.ZERO),
                new Distribution().add(45, 5));
        ConversionStats fine = new ConversionStats(new ConversionCounts(50, 50, 0, 0, 15, 0, BigDecimal.ZERO),
                new Distribution().add(25, 15));
        List<String> out = new ArrayList<>();
        out.addAll(suggest(rules, "TRADE_SHOW", lowAndLong, Map.of("BUDGET_INSUFFICIENT", 12L, "NO_NEED", 5L),
                Map.of("CONTACT_INCOMPLETE", 9L), Distribution.of(30 * 60), language));
        out.addAll(suggest(rules, "WEBSITE_FORM", lowAndLong, Map.of("SLOW_RESPONSE", 18L), Map.of(),
                Distribution.of(60), language));
        out.addAll(suggest(rules, "PARTNER_REFERRAL", fine, Map.of("NEED_MISMATCH", 4L), Map.of(),
                new Distribution(), language));
        out.addAll(suggest(rules, "SOCIAL_MEDIA", fine, Map.of("COMPETITOR", 4L), Map.of(), new Distribution(),
                language));
        out.addAll(suggest(rules, "FAX_LINE", lowAndLong, Map.of("BUDGET", 3L), Map.of("NEW_REASON_2025", 2L),
                Distribution.of(30 * 60), language));
        return String.join("\n", out);
    }

    private static List<String> suggest(SourceSuggestions rules, String source, ConversionStats stats,
                                        Map<String, Long> losses, Map<String, Long> rejections,
                                        Distribution response, Language language) {
        return rules.suggest(source, stats, Ranking.top(losses, 3), Ranking.top(rejections, 3), response)
                .stream().map(s -> Views.SuggestionView.of(s, language))
                .map(s -> source + "|" + s.code() + "|" + s.text()).toList();
    }

    /** One finding a line: what fired on what, its trend and metric, the three sentences, the trial's, the numbers. */
    private static String lines(List<Finding> findings, Language language) {
        List<String> out = new ArrayList<>();
        for (ReportViews.FindingView f : findings.stream().map(x -> ReportViews.FindingView.of(x, language))
                .toList()) {
            out.add(String.join("|", f.rule(), f.subject(), String.valueOf(f.trend()), String.valueOf(f.metric()),
                    f.title(), f.detail(), f.action(), f.trial() == null ? "-" : f.trial().description(),
                    String.valueOf(f.numbers())));
        }
        return String.join("\n", out);
    }
}
