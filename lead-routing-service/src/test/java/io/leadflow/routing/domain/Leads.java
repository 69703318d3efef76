package io.leadflow.routing.domain;

import java.math.BigDecimal;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.LeadProfile;

/** Lead profiles for the rules' tests, starting from the template's Table 1. */
final class Leads {

    private Leads() {
    }

    /** Table 1, row 1: 需要CRM系统, 10-15万, 1个月 (registered 高意向 by 李销售). */
    static LeadProfile tableOneRowOne() {
        return profile("需要CRM系统", new Budget(new BigDecimal("100000"), new BigDecimal("150000"), "CNY", "10-15万"), 30,
                null, null, null, null, null);
    }

    /** Table 1, row 2: 知晓一下ERP模块, 待确认, 2-3个月 (registered 中意向 by 赵销售). */
    static LeadProfile tableOneRowTwo() {
        return profile("知晓一下ERP模块", new Budget(null, null, null, "待确认"), 90, null, null, null, null, null);
    }

    static LeadProfile profile(String need, Budget budget, Integer cycleDays, String intent, String customerType,
                               Integer size, String givenGrade, String namedOwner) {
        return new LeadProfile("星辰科技有限公司", null, null, null, null, "TRADE_SHOW", null, null, need, "SOFTWARE", "上海",
                size, customerType, budget, cycleDays, intent, givenGrade, namedOwner, null, null);
    }

    static Budget cny(long min, long max) {
        return new Budget(BigDecimal.valueOf(min), BigDecimal.valueOf(max), "CNY", null);
    }
}
