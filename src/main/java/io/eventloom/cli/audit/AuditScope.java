package io.eventloom.cli.audit;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.ProjectionType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one audit covers: the aggregate types whose states it compares, the projections whose rows it compares, and
 * the aggregate types whose events it reads for both (a join also needs the events of its other side).
 */
record AuditScope(List<AggregateType<?>> audited, List<ProjectionType<?>> projections,
                         List<AggregateType<?>> read) {

    AuditScope {
        audited = List.copyOf(audited);
        projections = List.copyOf(projections);
        read = List.copyOf(read);
    }

    /** Every aggregate type and every projection of the domain. */
    static AuditScope all(Domain domain) {
        return new AuditScope(domain.aggregates(), domain.projections(), domain.aggregates());
    }

    /**
     * One aggregate type and the projections made of its events, directly or through a join or a regroup.
     *
     * @throws IllegalArgumentException for a type the domain does not have, naming those it has
     */
    static AuditScope of(Domain domain, String type) {
        AggregateType<?> audited = domain.aggregate(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown aggregate type '" + type + "'; known: "
                        + domain.aggregates().stream().map(AggregateType::name).toList()));
        List<ProjectionType<?>> projections = domain.projections().stream()
                .filter(projection -> projection.aggregateTypes().contains(type)).toList();
        Set<String> needed = new HashSet<>(Set.of(type));
        projections.forEach(projection -> needed.addAll(projection.aggregateTypes()));
        List<AggregateType<?>> read = domain.aggregates().stream()
                .filter(aggregate -> needed.contains(aggregate.name())).toList();
        return new AuditScope(List.of(audited), projections, read);
    }
}
