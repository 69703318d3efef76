package io.leadflow.followup.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a lead was (or will be) touched. {@code humanTouch} says whether a person spoke or wrote to the customer:
 * only such touches stop the first-response clock; a newsletter or an automated message never does.
 */
public enum FollowUpMethod {
    PHONE("电话", "Phone", true, "电话沟通", "打电话", "致电", "CALL"),
    EMAIL("邮件", "Email", true, "电子邮件", "邮箱", "E_MAIL", "MAIL"),
    VISIT("拜访", "Visit", true, "上门拜访", "实地拜访", "实地考察", "上门"),
    MEETING("会议", "Meeting", true, "面谈", "线上会议", "视频会议"),
    WECHAT("微信", "WeChat", true, "企业微信", "WEIXIN"),
    WEBINAR("线上研讨会", "Webinar", true, "研讨会", "网络研讨会"),
    DEMO("产品演示", "Demo", true, "演示", "DEMONSTRATION"),
    NEWSLETTER("资讯推送", "Newsletter", false, "行业资讯", "产品动态", "邮件推送", "推送"),
    AUTOMATED("自动消息", "Automated message", false, "自动回复", "系统消息", "AUTO");

    private final String chinese;
    private final String english;
    private final boolean humanTouch;
    private final List<String> aliases;

    FollowUpMethod(String chinese, String english, boolean humanTouch, String... aliases) {
        this.chinese = chinese;
        this.english = english;
        this.humanTouch = humanTouch;
        this.aliases = List.of(aliases);
    }

    public boolean humanTouch() {
        return humanTouch;
    }

    public String label(boolean chineseLabels) {
        return chineseLabels ? chinese : english;
    }

    /** Accepts the code (any case), the English label, or the template's Chinese words (电话, 邮件, ...). */
    public static Optional<FollowUpMethod> parse(String text) {
        String wanted = Words.normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(m -> m.name().equals(wanted)
                        || Words.normalise(m.english).equals(wanted)
                        || m.chinese.equals(text.trim())
                        || m.aliases.stream().anyMatch(a -> a.equals(text.trim()) || a.equals(wanted)))
                .findFirst();
    }

    public static String accepted() {
        return Arrays.stream(values()).map(m -> m.name() + " (" + m.chinese + ")").collect(Collectors.joining(", "));
    }
}
