package io.leadflow.analytics.domain;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Stage;
import io.leadflow.events.vocabulary.Term;

/**
 * The codes analytics groups by and filters on. The words for them are the suite's (lead-events' {@link Term});
 * filters accept either (展会 or TRADE_SHOW), tables answer codes with a word in the reader's language. What only
 * analytics reads stays here: regions as people type them and company-size bands.
 */
public final class Vocabulary {

    /** Words a person may filter by beside the suite's own. */
    private static final Map<String, String> SOURCE_ALIASES = Map.of(
            "官网", "WEBSITE_FORM", "渠道", "PARTNER_REFERRAL", "合作伙伴", "PARTNER_REFERRAL",
            "转介绍", "CUSTOMER_REFERRAL", "社群", "SOCIAL_MEDIA");

    private static final Map<String, String> GRADE_ALIASES = Map.of("高", "HIGH", "中", "MEDIUM", "低", "LOW");

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
            Collectors.toUnmodifiableMap(e -> e.getValue().toLowerCase(Locale.ROOT),
                    Map.Entry::getKey));

    private Vocabulary() {
    }

    /** A source code from a code or the template's word; unknown words are refused with the list of known ones. */
    public static String source(String field, String word) {
        String w = word.trim();
        return Term.SOURCE.codeOf(w).or(() -> Optional.ofNullable(SOURCE_ALIASES.get(w)))
                .orElseThrow(() -> new InvalidQueryException(field, "'" + word + "' is not a lead source; use one of "
                        + String.join(", ", Term.SOURCE.codes()) + " or " + chineseWords(Term.SOURCE)));
    }

    /**
     * A grade code. Routing may be configured with up to five levels of its own naming, so any code-like word is
     * accepted; the template's 高/中/低意向 map to HIGH/MEDIUM/LOW.
     */
    public static String grade(String field, String word) {
        String w = word.trim();
        Optional<String> known = Term.GRADE.codeOf(w).or(() -> Optional.ofNullable(GRADE_ALIASES.get(w)));
        if (known.isPresent()) {
            return known.get();
        }
        String upper = w.toUpperCase(Locale.ROOT);
        if (upper.matches("[A-Z][A-Z0-9_]{0,31}")) {
            return upper;
        }
        throw new InvalidQueryException(field, "'" + word + "' is not a grade; use a grade code such as "
                + String.join(", ", Term.GRADE.codes()) + " or " + chineseWords(Term.GRADE));
    }

    /**
     * The reader's word for a code of {@code dimension}: the template's word in Chinese, an English one otherwise.
     * A code nobody has a word for (a grade level routing was configured with, an industry typed as free text) is
     * shown as sent, so a new value is never hidden; an unknown value (null) reads 未知 / Unknown.
     */
    public static String label(Dimension dimension, String code, Language language) {
        if (code == null) {
            return unknown(language);
        }
        return switch (dimension) {
            case SOURCE -> Term.SOURCE.label(code, language);
            case GRADE -> Term.GRADE.find(code, language).orElse(language == Language.ZH ? code : words(code));
            case INDUSTRY -> industry(code, language);
            case REGION -> region(code, language);
            case OWNER, MONTH -> code;
        };
    }

    public static String unknown(Language language) {
        return language.pick("未知", "Unknown");
    }

    /** Intake's industry codes (SOFTWARE for 软件, 软件和信息技术, IT ...); text typed outside them is kept as typed. */
    public static String industry(String code, Language language) {
        return word(Term.INDUSTRY, code, language);
    }

    /** Intake's customer-type codes (ENTERPRISE for 企业, SMB for 中小企业 ...). */
    public static String customerType(String code, Language language) {
        return word(Term.CUSTOMER_TYPE, code, language);
    }

    /** How a lead came in: STAFF (typed by a person), FORM (the website form), IMPORT (a spreadsheet). */
    public static String channel(String code, Language language) {
        return word(Term.CHANNEL, code, language);
    }

    /** Intake's screening: QUALIFIED or REJECTED. */
    public static String screening(String code, Language language) {
        return word(Term.SCREENING, code, language);
    }

    /** WON or LOST; no outcome yet is an open lead, not an unknown one. */
    public static String outcome(String code, Language language) {
        if (code == null) {
            return language.pick("跟进中", "Open");
        }
        return word(Term.OUTCOME, code, language);
    }

    public static String stage(String code, Language language) {
        if (code == null) {
            return unknown(language);
        }
        return Stage.of(code).map(s -> Term.STAGE.label(s.name(), language)).orElse(code);
    }

    /**
     * Regions are typed as people write them (上海, 上海市, Shanghai); the provinces and large cities read in the
     * reader's language, anything else (a district, a masked text) as typed.
     */
    public static String region(String typed, Language language) {
        if (typed == null) {
            return unknown(language);
        }
        String t = typed.trim();
        String zh = REGIONS.containsKey(t) ? t : REGIONS.containsKey(t.replaceFirst("(省|市|特别行政区|自治区)$", ""))
                ? t.replaceFirst("(省|市|特别行政区|自治区)$", "")
                : REGIONS_BY_ENGLISH.get(t.toLowerCase(Locale.ROOT));
        if (zh == null) {
            return typed;
        }
        return language.pick(zh, REGIONS.get(zh));
    }

    /**
     * Company size by headcount band: the template screens on 50 people and more, and a BI tool groups better by
     * a few bands than by every headcount.
     */
    public static String companySize(Integer employees, Language language) {
        if (employees == null) {
            return unknown(language);
        }
        for (int i = SIZE_BANDS.length - 1; i >= 0; i--) {
            if (employees >= SIZE_BANDS[i]) {
                if (i == SIZE_BANDS.length - 1) {
                    return language.pick(SIZE_BANDS[i] + " 人以上", SIZE_BANDS[i] + "+ employees");
                }
                String band = SIZE_BANDS[i] + "–" + (SIZE_BANDS[i + 1] - 1);
                return language.pick(band + " 人", band + " employees");
            }
        }
        return language.pick("不足 1 人", "under 1 employee");
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
            case SOURCE -> Term.SOURCE.codes();
            case GRADE -> Term.GRADE.codes();
            default -> List.of();
        };
        Comparator<String> byVocabulary = Comparator.comparingInt(code -> {
            int i = known.indexOf(code);
            return i < 0 ? known.size() : i;
        });
        return Comparator.nullsLast(byVocabulary.thenComparing(Comparator.naturalOrder()));
    }

    /** A code's word; a code-like value without one reads as words in English (AGRICULTURE: Agriculture). */
    private static String word(Term term, String code, Language language) {
        if (code == null) {
            return unknown(language);
        }
        return term.find(code, language)
                .orElseGet(() -> language == Language.EN && code.matches("[A-Z][A-Z0-9_]*") ? words(code) : code);
    }

    private static String chineseWords(Term term) {
        return term.codes().stream().map(c -> term.label(c, Language.ZH)).collect(Collectors.joining("/"));
    }

    /** REAL_ESTATE as words: Real estate. */
    private static String words(String code) {
        String w = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
