package io.leadflow.analytics.domain;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The codes analytics groups by and the template's words for them. Filters accept either (展会 or TRADE_SHOW);
 * tables answer codes with a label in the reader's language.
 */
public final class Vocabulary {

    public static final Map<String, String> SOURCES = ordered(
            "TRADE_SHOW", "展会",
            "WEBSITE_FORM", "官网表单",
            "PARTNER_REFERRAL", "合作伙伴推荐",
            "SOCIAL_MEDIA", "社交媒体",
            "CUSTOMER_REFERRAL", "客户转介绍",
            "OTHER", "其他");

    private static final Map<String, String> SOURCES_EN = ordered(
            "TRADE_SHOW", "Trade show",
            "WEBSITE_FORM", "Website form",
            "PARTNER_REFERRAL", "Partner referral",
            "SOCIAL_MEDIA", "Social media",
            "CUSTOMER_REFERRAL", "Customer referral",
            "OTHER", "Other");

    private static final Map<String, String> SOURCE_ALIASES = Map.of(
            "官网", "WEBSITE_FORM", "渠道", "PARTNER_REFERRAL", "合作伙伴", "PARTNER_REFERRAL",
            "转介绍", "CUSTOMER_REFERRAL", "社群", "SOCIAL_MEDIA");

    public static final Map<String, String> GRADES = ordered(
            "HIGH", "高意向",
            "MEDIUM", "中意向",
            "LOW", "低意向");

    private static final Map<String, String> GRADE_ALIASES = Map.of("高", "HIGH", "中", "MEDIUM", "低", "LOW");

    private static final Map<String, String> GRADES_EN = ordered(
            "HIGH", "High",
            "MEDIUM", "Medium",
            "LOW", "Low");

    // The codes intake's Codes writes (lead-intake-service domain/Codes), in the template's words.
    private static final Map<String, String[]> INDUSTRIES = pairs(
            "SOFTWARE", "软件", "Software",
            "INTERNET", "互联网", "Internet",
            "MANUFACTURING", "制造业", "Manufacturing",
            "RETAIL", "零售", "Retail",
            "FINANCE", "金融", "Finance",
            "EDUCATION", "教育", "Education",
            "HEALTHCARE", "医疗健康", "Healthcare",
            "TRADE", "贸易", "Trade",
            "LOGISTICS", "物流", "Logistics",
            "REAL_ESTATE", "房地产", "Real estate",
            "GOVERNMENT", "政府", "Government",
            "ENERGY", "能源", "Energy",
            "FOOD_SERVICE", "餐饮", "Food service",
            "CONSULTING", "咨询", "Consulting",
            "AUTOMOTIVE", "汽车", "Automotive");

    private static final Map<String, String[]> CUSTOMER_TYPES = pairs(
            "ENTERPRISE", "企业", "Enterprise",
            "SMB", "中小企业", "Small and medium business",
            "INDIVIDUAL", "个人", "Individual",
            "GOVERNMENT", "政府", "Government",
            "PUBLIC_INSTITUTION", "事业单位", "Public institution",
            "PARTNER", "渠道", "Partner");

    private static final Map<String, String[]> CHANNELS = pairs(
            "STAFF", "人工录入", "Entered by staff",
            "FORM", "表单", "Form",
            "IMPORT", "批量导入", "Import");

    private static final Map<String, String[]> SCREENINGS = pairs(
            "QUALIFIED", "有效", "Qualified",
            "REJECTED", "无效", "Rejected");

    private static final Map<String, String[]> OUTCOMES = pairs(
            "WON", "成交", "Won",
            "LOST", "流失", "Lost");

    /** Provinces, municipalities and large cities by their Chinese name. */
    private static final Map<String, String> REGIONS = ordered(
            "北京", "Beijing", "上海", "Shanghai", "天津", "Tianjin", "重庆", "Chongqing",
            "河北", "Hebei", "山西", "Shanxi", "辽宁", "Liaoning", "吉林", "Jilin", "黑龙江", "Heilongjiang",
            "江苏", "Jiangsu", "浙江", "Zhejiang", "安徽", "Anhui", "福建", "Fujian", "江西", "Jiangxi",
            "山东", "Shandong", "河南", "Henan", "湖北", "Hubei", "湖南", "Hunan", "广东", "Guangdong",
            "海南", "Hainan", "四川", "Sichuan", "贵州", "Guizhou", "云南", "Yunnan", "陕西", "Shaanxi",
            "甘肃", "Gansu", "青海", "Qinghai", "台湾", "Taiwan", "内蒙古", "Inner Mongolia", "广西", "Guangxi",
            "西藏", "Tibet", "宁夏", "Ningxia", "新疆", "Xinjiang", "香港", "Hong Kong", "澳门", "Macao",
            "深圳", "Shenzhen", "广州", "Guangzhou", "杭州", "Hangzhou", "南京", "Nanjing", "苏州", "Suzhou",
            "成都", "Chengdu", "武汉", "Wuhan", "西安", "Xi'an", "长沙", "Changsha", "郑州", "Zhengzhou",
            "青岛", "Qingdao", "宁波", "Ningbo", "厦门", "Xiamen", "合肥", "Hefei", "济南", "Jinan",
            "沈阳", "Shenyang", "大连", "Dalian", "无锡", "Wuxi", "东莞", "Dongguan", "佛山", "Foshan",
            "福州", "Fuzhou", "昆明", "Kunming", "哈尔滨", "Harbin", "长春", "Changchun", "石家庄", "Shijiazhuang",
            "南昌", "Nanchang", "南宁", "Nanning", "贵阳", "Guiyang", "太原", "Taiyuan", "兰州", "Lanzhou");

    private static final Map<String, String> REGIONS_BY_ENGLISH = REGIONS.entrySet().stream().collect(
            java.util.stream.Collectors.toUnmodifiableMap(e -> e.getValue().toLowerCase(Locale.ROOT),
                    Map.Entry::getKey));

    private Vocabulary() {
    }

    /** A source code from a code or the template's word; unknown words are refused with the list of known ones. */
    public static String source(String field, String word) {
        String w = word.trim();
        String upper = w.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (SOURCES.containsKey(upper)) {
            return upper;
        }
        return SOURCES.entrySet().stream().filter(e -> e.getValue().equals(w)).map(Map.Entry::getKey).findFirst()
                .or(() -> Optional.ofNullable(SOURCE_ALIASES.get(w)))
                .orElseThrow(() -> new InvalidQueryException(field, "'" + word + "' is not a lead source; use one of "
                        + String.join(", ", SOURCES.keySet()) + " or " + String.join("/", SOURCES.values())));
    }

    /**
     * A grade code. Routing may be configured with up to five levels of its own naming, so any code-like word is
     * accepted; the template's 高/中/低意向 map to HIGH/MEDIUM/LOW.
     */
    public static String grade(String field, String word) {
        String w = word.trim();
        for (Map.Entry<String, String> e : GRADES.entrySet()) {
            if (e.getValue().equals(w)) {
                return e.getKey();
            }
        }
        if (GRADE_ALIASES.containsKey(w)) {
            return GRADE_ALIASES.get(w);
        }
        String upper = w.toUpperCase(Locale.ROOT);
        if (upper.matches("[A-Z][A-Z0-9_]{0,31}")) {
            return upper;
        }
        throw new InvalidQueryException(field, "'" + word + "' is not a grade; use a grade code such as "
                + String.join(", ", GRADES.keySet()) + " or " + String.join("/", GRADES.values()));
    }

    /**
     * The reader's word for a code of {@code dimension}: the template's word in Chinese, an English one otherwise.
     * A code nobody has a word for (a grade level routing was configured with, an industry typed as free text) is
     * shown as sent, so a new value is never hidden; an unknown value (null) reads 未知 / Unknown.
     */
    public static String label(Dimension dimension, String code, boolean chinese) {
        if (code == null) {
            return unknown(chinese);
        }
        return switch (dimension) {
            case SOURCE -> (chinese ? SOURCES : SOURCES_EN).getOrDefault(code, code);
            case GRADE -> chinese ? GRADES.getOrDefault(code, code) : GRADES_EN.getOrDefault(code, words(code));
            case INDUSTRY -> industry(code, chinese);
            case REGION -> region(code, chinese);
            case OWNER, MONTH -> code;
        };
    }

    public static String unknown(boolean chinese) {
        return chinese ? "未知" : "Unknown";
    }

    /** Intake's industry codes (SOFTWARE for 软件, 软件和信息技术, IT ...); text typed outside them is kept as typed. */
    public static String industry(String code, boolean chinese) {
        return word(INDUSTRIES, code, chinese);
    }

    /** Intake's customer-type codes (ENTERPRISE for 企业, SMB for 中小企业 ...). */
    public static String customerType(String code, boolean chinese) {
        return word(CUSTOMER_TYPES, code, chinese);
    }

    /** How a lead came in: STAFF (typed by a person), FORM (the website form), IMPORT (a spreadsheet). */
    public static String channel(String code, boolean chinese) {
        return word(CHANNELS, code, chinese);
    }

    /** Intake's screening: QUALIFIED or REJECTED. */
    public static String screening(String code, boolean chinese) {
        return word(SCREENINGS, code, chinese);
    }

    /** WON or LOST; no outcome yet is an open lead, not an unknown one. */
    public static String outcome(String code, boolean chinese) {
        if (code == null) {
            return chinese ? "跟进中" : "Open";
        }
        return word(OUTCOMES, code, chinese);
    }

    public static String stage(String code, boolean chinese) {
        if (code == null) {
            return unknown(chinese);
        }
        return Stage.parse(code).map(s -> chinese ? s.zh() : words(s.name())).orElse(code);
    }

    /**
     * Regions are typed as people write them (上海, 上海市, Shanghai); the provinces and large cities read in the
     * reader's language, anything else (a district, a masked text) as typed.
     */
    public static String region(String typed, boolean chinese) {
        if (typed == null) {
            return unknown(chinese);
        }
        String t = typed.trim();
        String zh = REGIONS.containsKey(t) ? t : REGIONS.containsKey(t.replaceFirst("(省|市|特别行政区|自治区)$", ""))
                ? t.replaceFirst("(省|市|特别行政区|自治区)$", "")
                : REGIONS_BY_ENGLISH.get(t.toLowerCase(Locale.ROOT));
        if (zh == null) {
            return typed;
        }
        return chinese ? zh : REGIONS.get(zh);
    }

    /**
     * Company size by headcount band: the template screens on 50 people and more, and a BI tool groups better by
     * a few bands than by every headcount.
     */
    public static String companySize(Integer employees, boolean chinese) {
        if (employees == null) {
            return unknown(chinese);
        }
        for (int i = SIZE_BANDS.length - 1; i >= 0; i--) {
            if (employees >= SIZE_BANDS[i]) {
                if (i == SIZE_BANDS.length - 1) {
                    return chinese ? SIZE_BANDS[i] + " 人以上" : SIZE_BANDS[i] + "+ employees";
                }
                String band = SIZE_BANDS[i] + "–" + (SIZE_BANDS[i + 1] - 1);
                return chinese ? band + " 人" : band + " employees";
            }
        }
        return chinese ? "不足 1 人" : "under 1 employee";
    }

    /** Lower bounds of the company-size bands. */
    private static final int[] SIZE_BANDS = {1, 50, 200, 1000};

    /**
     * The order a reader expects within a dimension: grades from high to low and sources as the template lists
     * them, then codes without a word in alphabetical order, then the unknown value (null) last. Months and owner
     * ids have no vocabulary and sort by code.
     */
    public static Comparator<String> order(Dimension dimension) {
        List<String> known = switch (dimension) {
            case SOURCE -> List.copyOf(SOURCES.keySet());
            case GRADE -> List.copyOf(GRADES.keySet());
            default -> List.of();
        };
        Comparator<String> byVocabulary = Comparator.comparingInt(code -> {
            int i = known.indexOf(code);
            return i < 0 ? known.size() : i;
        });
        return Comparator.nullsLast(byVocabulary.thenComparing(Comparator.naturalOrder()));
    }

    private static String word(Map<String, String[]> words, String code, boolean chinese) {
        if (code == null) {
            return unknown(chinese);
        }
        String[] w = words.get(code.toUpperCase(Locale.ROOT));
        if (w != null) {
            return w[chinese ? 0 : 1];
        }
        return !chinese && code.matches("[A-Z][A-Z0-9_]*") ? words(code) : code;
    }

    /** REAL_ESTATE as words: Real estate. */
    private static String words(String code) {
        String w = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static Map<String, String[]> pairs(String... triples) {
        Map<String, String[]> map = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            map.put(triples[i], new String[] {triples[i + 1], triples[i + 2]});
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
