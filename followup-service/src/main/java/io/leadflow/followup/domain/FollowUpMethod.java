package io.leadflow.followup.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.leadflow.events.vocabulary.Term;

/**
 * How a lead was (or will be) touched. {@code humanTouch} says whether a person spoke or wrote to the customer:
 * only such touches stop the first-response clock; a newsletter or an automated message never does.
 */
public enum FollowUpMethod {
    PHONE(true, "电话沟通", "打电话", "致电", "CALL"),
    EMAIL(true, "电子邮件", "邮箱", "E_MAIL", "MAIL"),
    VISIT(true, "上门拜访", "实地拜访", "实地考察", "上门"),
    MEETING(true, "面谈", "线上会议", "视频会议"),
    WECHAT(true, "企业微信", "WEIXIN"),
    WEBINAR(true, "研讨会", "网络研讨会"),
    DEMO(true, "演示", "DEMONSTRATION"),
    NEWSLETTER(false, "行业资讯", "产品动态", "邮件推送", "推送"),
    AUTOMATED(false, "自动回复", "系统消息", "AUTO");

    private final boolean humanTouch;
    /** Other words people type for the method, beside the code and the suite's words for it. */
    private final List<String> aliases;

    FollowUpMethod(boolean humanTouch, String... aliases) {
        this.humanTouch = humanTouch;
        this.aliases = List.of(aliases);
    }

    public boolean humanTouch() {
        return humanTouch;
    }

    /** Accepts the code (any case), the suite's English or Chinese word (电话, 邮件, ...), or another usual word. */
    public static Optional<FollowUpMethod> parse(String text) {
        String wanted = Words.normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return Term.FOLLOW_UP_METHOD.codeOf(text).map(FollowUpMethod::valueOf).or(() -> Arrays.stream(values())
                .filter(m -> m.aliases.stream().anyMatch(a -> a.equals(text.trim()) || a.equals(wanted)))
                .findFirst());
    }

    public static String accepted() {
        return Words.accepted(Term.FOLLOW_UP_METHOD);
    }
}
