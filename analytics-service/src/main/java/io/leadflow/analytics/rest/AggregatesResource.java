package io.leadflow.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.analytics.service.AggregatesService;
import io.leadflow.events.security.Roles;

@Path("/api/v1/analytics/aggregates")
@Tag(name = "Read model",
        description = "The read model behind the reports: its generations, a replay from the topics, the aggregates' "
                + "backfill")
@Produces(MediaType.APPLICATION_JSON)
public class AggregatesResource {

    private final AggregatesService aggregates;

    public AggregatesResource(AggregatesService aggregates) {
        this.aggregates = aggregates;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rebuildAggregates",
            summary = "Rebuild the active model's aggregates from its facts (the backfill)",
            description = "For facts loaded without events (an upgrade, a bulk load). Event handling waits while it "
                    + "runs; answers when done with the number of leads and cells. Admin only.")
    public AggregatesService.Backfill build() {
        return aggregates.build();
    }
}
