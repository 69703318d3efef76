package io.leadflow.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.RawLead;

/**
 * The reasons an import row is stored with, in both languages as the report shows them: stored rows keep these exact
 * words, so a row recorded today reads like one recorded before.
 */
class ImportRowReasonsTest {

    private static String line(ImportService.RowReason r) {
        return r.code() + " | " + r.message() + " | " + r.messageZh();
    }

    @Test
    void aRowWithFieldsToFixNamesThemByTheSheetsHeaders() {
        List<String> reasons = DraftParser.parse(RawLead.fromFields(Map.of("source", "广告", "registeredAt",
                "2999-01-01")), Instant.parse("2024-03-10T02:30:00Z"), ZoneId.of("Asia/Shanghai")).errors().stream()
                .map(ImportService::invalidField).map(ImportRowReasonsTest::line).toList();
        assertThat(reasons).containsExactly(
                "INVALID_FIELD | source: '广告' is not a lead source; use one of TRADE_SHOW (展会), WEBSITE_FORM (官网表单), PARTNER_REFERRAL (合作伙伴推荐), SOCIAL_MEDIA (社交媒体), CUSTOMER_REFERRAL (客户转介绍), OTHER (其他) | 线索来源：“广告”不是线索来源；可用：展会、官网表单、合作伙伴推荐、社交媒体、客户转介绍、其他",
                "INVALID_FIELD | registeredAt: 2999-01-01 is in the future; a lead can only be registered today or earlier | 登记日期：2999-01-01 是将来的日期；线索只能登记在今天或更早");
    }

    @Test
    void aDuplicateAnAlreadyImportedAndAnUnstoredRowSayWhy() {
        assertThat(List.of(ImportService.duplicate("LX20240301000001", "PHONE"),
                ImportService.duplicate("LX20240301000002", "EMAIL"),
                ImportService.duplicate("LX20240301000003", "COMPANY"),
                ImportService.alreadyImported("XS-0001", "LX20240301000004"),
                ImportService.notStored())).extracting(ImportRowReasonsTest::line).containsExactly(
                "DUPLICATE_OF_PHONE | Linked to lead LX20240301000001 as another touch (same phone) | 与线索 LX20240301000001 重复（电话相同），已记为该线索的又一次接触",
                "DUPLICATE_OF_EMAIL | Linked to lead LX20240301000002 as another touch (same email) | 与线索 LX20240301000002 重复（邮箱相同），已记为该线索的又一次接触",
                "DUPLICATE_OF_COMPANY | Linked to lead LX20240301000003 as another touch (same company) | 与线索 LX20240301000003 重复（客户名称相同），已记为该线索的又一次接触",
                "ALREADY_IMPORTED | 线索编号 XS-0001 is already lead LX20240301000004 | 线索编号 XS-0001 已导入为线索 LX20240301000004",
                "NOT_STORED | The row could not be stored; it was skipped | 这一行未能保存，已跳过");
    }
}
