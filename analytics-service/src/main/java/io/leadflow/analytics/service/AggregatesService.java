package io.leadflow.analytics.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.repository.AggregatesBackfill;
import io.leadflow.analytics.repository.AnalyticsQueries;
import io.leadflow.analytics.repository.CubeRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Builds a generation's cube from its facts: the backfill for a model whose facts were there before the cube (an
 * upgrade to V13, or facts loaded by SQL as the benchmark does). Live events keep it up to date from then on.
 *
 * <p>The facts are read under a SHARE lock on lead_fact, so no event changes a lead while its contribution is being
 * summed; events wait and apply to the finished cube (the handler reads aggregates_ready after locking its lead).
 */
@ApplicationScoped
public class AggregatesService {

    private static final Logger LOG = Logger.getLogger(AggregatesService.class);

    public record Backfill(int generation, long leads, int cells, long millis) {
    }

    private final AggregatesBackfill backfill;
    private final CubeRepository cube;
    private final AnalyticsQueries queries;

    public AggregatesService(AggregatesBackfill backfill, CubeRepository cube, AnalyticsQueries queries) {
        this.backfill = backfill;
        this.cube = cube;
        this.queries = queries;
    }

    /** A model upgraded from before the cube gets it at start, in the background; tables read the facts meanwhile. */
    void onStart(@Observes StartupEvent ignored) {
        int generation = queries.activeGeneration();
        if (!cube.ready(generation)) {
            Thread t = new Thread(() -> {
                try {
                    Backfill b = build();
                    LOG.infof("Aggregates of generation %d built from %d leads (%d cells) in %d ms", b.generation(),
                            b.leads(), b.cells(), b.millis());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Aggregates backfill failed; tables keep reading the facts");
                }
            }, "analytics-aggregates-backfill");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Rebuilds the active generation's cube from its facts, in one transaction. */
    public synchronized Backfill build() {
        long t0 = System.nanoTime();
        return QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            int generation = queries.activeGeneration();
            backfill.lockFacts();
            Map<Aggregates.Cell, Aggregates.Delta> cells = new HashMap<>();
            long leads = backfill.forEachLead(generation, (facts, moves, breaches) ->
                    Aggregates.accumulate(cells, Aggregates.contribution(facts, moves, breaches)));
            cube.clear(generation);
            cells.values().removeIf(Aggregates.Delta::isZero);
            cube.add(generation, cells);
            backfill.markReady(generation);
            return new Backfill(generation, leads, cells.size(), (System.nanoTime() - t0) / 1_000_000);
        });
    }

    /** What the facts of {@code generation} registered in {@code month} add up to (checks and tests). */
    public Map<Aggregates.Cell, Aggregates.Delta> recompute(int generation, java.time.LocalDate month) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Aggregates.Cell, Aggregates.Delta> cells = new HashMap<>();
            backfill.forEachLead(generation, month, (facts, moves, breaches) ->
                    Aggregates.accumulate(cells, Aggregates.contribution(facts, moves, breaches)));
            cells.values().removeIf(Aggregates.Delta::isZero);
            return cells;
        });
    }

    public Map<Aggregates.Cell, Aggregates.Delta> stored(int generation, java.time.LocalDate month) {
        return cube.cells(generation, month);
    }

    static List<String> none() {
        return List.of();
    }
}
