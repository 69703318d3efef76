package io.leadflow.routing.domain;

import java.util.List;

/**
 * A rep as the router sees them at one moment.
 *
 * @param openLeads how many open leads the rep owns now
 * @param lastTurn  when the rep last received a lead, as a monotonic turn number: round-robin serves the rep who
 *                  waited longest, so a rep who joins or comes back takes one turn, not a flood
 */
public record Candidate(String repId, String name, Seniority seniority, List<String> industries, List<String> regions,
                        int capacity, int openLeads, boolean available, String availability, long lastTurn) {

    public boolean hasRoom() {
        return openLeads < capacity;
    }

    public boolean eligible() {
        return available && hasRoom();
    }

    public double load() {
        return capacity == 0 ? Double.MAX_VALUE : (double) openLeads / capacity;
    }

    public boolean specialisesIn(String industry, String region) {
        return Areas.containsSame(industries, industry) || Areas.containsSame(regions, region);
    }

    public Candidate withOneMore(long turn) {
        return new Candidate(repId, name, seniority, industries, regions, capacity, openLeads + 1, available,
                availability, turn);
    }
}
