package io.leadflow.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's one 联系方式 cell, as people fill it in a register: a phone written with spaces, dashes, brackets,
 * {@code +86} or an extension ({@code 021 61234567 转 8012}), an email, a WeChat id after a label, or several of them
 * separated by {@code / ; , 、} or a new line. Spaces inside a phone belong to the phone; only the separators, an
 * email or a label end it. The first phone, email and WeChat id found are the lead's; further numbers are kept in
 * {@link #others()} (and the whole cell, as typed, stays in the touch's submitted fields).
 */
public record ContactCell(String phone, String email, String wechat, List<String> others) {

    /** An address, allowing a display name around it ({@code 张三 <zhang@x.cn>}). */
    private static final Pattern EMAIL = Pattern.compile("[^\\s;；,，、/|<>()（）:：\"'“”]+@[^\\s;；,，、/|<>()（）\"'“”]+");
    private static final Pattern WECHAT = Pattern.compile(
            "(?iu)(?:微信号?|wechat(?:\\s*id)?|weixin|vx|wx)\\s*[:：]?\\s*([A-Za-z][-_A-Za-z0-9]{5,19})");
    private static final Pattern SEPARATORS = Pattern.compile("[;；,，、/|\\n\\r]+");
    /**
     * A number as written inside a part: digits with spaces, dashes, dots, brackets and masking stars between them,
     * an optional {@code +}, and an optional extension (转, 分机, ext, x, #). Labels (电话:, Tel) and names around it
     * are not part of it.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?iu)\\+?[\\d(][\\d\\s().*\\-]{4,}\\d(?:\\s*(?:转|轉|分机|分機|ext\\.?|x|#)\\s*\\d{1,6})?");

    public static ContactCell parse(String cell) {
        String text = Text.fold(cell);
        if (text == null || text.isEmpty()) {
            return new ContactCell(null, null, null, List.of());
        }
        String email = null;
        Matcher m = EMAIL.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            if (email == null) {
                email = m.group();
            }
            m.appendReplacement(rest, "/");
        }
        m.appendTail(rest);
        String wechat = null;
        m = WECHAT.matcher(rest.toString());
        StringBuilder rest2 = new StringBuilder();
        while (m.find()) {
            if (wechat == null) {
                wechat = m.group(1);
            }
            m.appendReplacement(rest2, "/");
        }
        m.appendTail(rest2);
        String phone = null;
        List<String> others = new ArrayList<>();
        for (String part : SEPARATORS.split(rest2)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Matcher number = PHONE.matcher(p);
            if (phone == null && number.find()) {
                phone = number.group().strip();
            } else {
                others.add(p);
            }
        }
        return new ContactCell(phone, email, wechat, List.copyOf(others));
    }
}
