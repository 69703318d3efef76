package io.leadflow.analytics.domain;

import java.math.BigDecimal;

/**
 * The template's step 4.1 metrics for one group: conversion rate = won customers / all leads (the template's
 * definition), won / qualified beside it, and the conversion cycle in days from registration to the deal.
 */
public record ConversionStats(ConversionCounts counts, Distribution cycleDays) {

    public ConversionStats {
        cycleDays = cycleDays == null ? new Distribution() : cycleDays;
    }

    public Rate conversionRate() {
        return Rate.of(counts.won(), counts.leads());
    }

    public Rate qualifiedConversionRate() {
        return Rate.of(counts.won(), counts.qualified());
    }

    public Rate lossRate() {
        return Rate.of(counts.lost(), counts.leads());
    }

    /** Null when nothing converted: an empty period has no cycle, not a cycle of zero days. */
    public BigDecimal averageCycleDays() {
        return cycleDays.mean();
    }

    public BigDecimal medianCycleDays() {
        return cycleDays.median();
    }

    public ConversionStats plus(ConversionStats other) {
        return new ConversionStats(counts.plus(other.counts),
                new Distribution().addAll(cycleDays).addAll(other.cycleDays));
    }
}
