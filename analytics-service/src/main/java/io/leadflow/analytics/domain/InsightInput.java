package io.leadflow.analytics.domain;

import java.util.Map;

/**
 * The numbers of one period the insight rules judge.
 *
 * @param highGradeResponseMinutes first-response times of the watched (high) grade's leads
 * @param lossReasonsBySource      source -> loss reason -> lost leads
 * @param breachesByOwner          owner -> first-response SLA breaches
 */
public record InsightInput(ConversionStats overall, Map<String, ConversionStats> byGrade,
                           Map<String, ConversionStats> bySource, Distribution highGradeResponseMinutes,
                           long highGradeBreaches, Map<String, Map<String, Long>> lossReasonsBySource,
                           Map<String, Map<String, Long>> rejectionReasonsBySource, Map<String, Long> breachesByOwner,
                           Map<String, Long> breachesBySource) {
}
