package io.custody.query.audit;

import io.custody.api.common.Page;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.OrganisationId;
import io.custody.audit.merkle.Tile;
import io.custody.audit.record.AuditRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API under {@code /api/v1/audit}: the log's key and checkpoints, consistency proofs (hashes only, for
 * anyone allowed to audit), and, per organisation, its records, their inclusion proofs and offline proof bundles,
 * search and streamed export. Meant for {@code COMPLIANCE_OFFICER} and {@code ORG_ADMIN}; the organisation is a path
 * parameter until the caller's identity supplies it. Reads are JDBC, run off the event loop.
 */
@RestController
public class AuditController {

    private static final int MAX_PAGE_SIZE = 200;

    private final AuditQueries queries;
    private final AuditLog log;
    private final JsonMapper json;

    public AuditController(AuditQueries queries, AuditLog log, JsonMapper json) {
        this.queries = queries;
        this.log = log;
        this.json = json;
    }

    /** The log's identity: origin, verifier key (C2SP signed-note text form) and latest checkpoint. */
    @GetMapping(path = "/api/v1/audit/log", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> logInfo() {
        return blocking(() -> {
            var latest = log.latestCheckpoint();
            return Map.of("origin", log.origin(), "verifierKey", log.publicKey().verifierKey(),
                    "checkpointedSize", latest.map(AuditLog.StoredCheckpoint::treeSize).orElse(0L),
                    "checkpoint", latest.map(AuditLog.StoredCheckpoint::note).orElse(""));
        });
    }

    /** The latest signed checkpoint as a C2SP tlog-checkpoint note, for transparency-log tools. */
    @GetMapping(path = "/api/v1/audit/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    public Mono<String> latestCheckpoint() {
        return blocking(() -> log.latestCheckpoint().map(AuditLog.StoredCheckpoint::note).orElseThrow(() ->
                new RejectedException(io.custody.api.error.ErrorCode.NOT_FOUND, "No checkpoint has been signed yet")));
    }

    @GetMapping(path = "/api/v1/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<Map<String, Object>>> checkpoints(@RequestParam(defaultValue = "0") String after,
                                                       @RequestParam(defaultValue = "100") String limit) {
        long afterSize = number("after", after, 0, Long.MAX_VALUE);
        int max = (int) number("limit", limit, 1, 1000);
        return blocking(() -> log.checkpoints(afterSize, max).stream().map(c -> Map.<String, Object>of(
                "treeSize", c.treeSize(), "rootHash", java.util.Base64.getEncoder().encodeToString(c.rootHash()),
                "checkpoint", c.note())).toList());
    }

    @GetMapping(path = "/api/v1/audit/consistency-proof", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<AuditQueries.ConsistencyProofView> consistency(@RequestParam String from, @RequestParam String to) {
        long first = number("from", from, 1, Long.MAX_VALUE);
        long second = number("to", to, 1, Long.MAX_VALUE);
        return blocking(() -> queries.consistencyProof(first, second));
    }

    /**
     * The tree as C2SP tlog-tiles hash tiles ({@code tile/<L>/<N>[.p/<W>]} under {@code /api/v1/audit/}, next to
     * {@code checkpoint}), for verifiers that compute proofs themselves. Entry bundles ({@code tile/entries/...}) are
     * not served: the leaves are records of every organisation (ADR audit-004).
     */
    @GetMapping(path = "/api/v1/audit/tile/{level}/{*index}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public Mono<ResponseEntity<byte[]>> tile(@PathVariable String level, @PathVariable String index) {
        if (level.equals("entries")) {
            throw new RejectedException(io.custody.api.error.ErrorCode.NOT_FOUND, "Entry bundles are not served: "
                    + "the log's leaves are the records of every organisation; read your own through /organisations");
        }
        Tile tile;
        try {
            tile = Tile.parse(level, index.startsWith("/") ? index.substring(1) : index);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid tile path", Map.of("tile", List.of(e.getMessage())));
        }
        return blocking(() -> ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(queries.tile(tile)));
    }

    @GetMapping(path = "/api/v1/audit/organisations/{organisation}/records",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page<AuditQueries.RecordView>> search(@PathVariable String organisation, ServerWebExchange exchange,
                                                      @RequestParam(required = false) String walletId,
                                                      @RequestParam(required = false) String actor,
                                                      @RequestParam(required = false) String eventType,
                                                      @RequestParam(required = false) String from,
                                                      @RequestParam(required = false) String to,
                                                      @RequestParam(defaultValue = "0") String page,
                                                      @RequestParam(defaultValue = "50") String size) {
        OrganisationId org = ownOrganisation(organisation, exchange);
        AuditSearch search = new AuditSearch(walletId, actor, eventType, instant("from", from), instant("to", to));
        int p = (int) number("page", page, 0, 1_000_000);
        int s = (int) number("size", size, 1, MAX_PAGE_SIZE);
        return blocking(() -> queries.search(org, search, p, s));
    }

    @GetMapping(path = "/api/v1/audit/organisations/{organisation}/records/{leafIndex}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<AuditQueries.RecordView> record(@PathVariable String organisation, ServerWebExchange exchange, @PathVariable String leafIndex) {
        OrganisationId org = ownOrganisation(organisation, exchange);
        long index = number("leafIndex", leafIndex, 0, Long.MAX_VALUE);
        return blocking(() -> queries.record(org, index));
    }

    @GetMapping(path = "/api/v1/audit/organisations/{organisation}/records/{leafIndex}/inclusion-proof",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<AuditQueries.InclusionProofView> inclusionProof(@PathVariable String organisation, ServerWebExchange exchange,
                                                                @PathVariable String leafIndex,
                                                                @RequestParam(required = false) String treeSize) {
        OrganisationId org = ownOrganisation(organisation, exchange);
        long index = number("leafIndex", leafIndex, 0, Long.MAX_VALUE);
        Long size = treeSize == null ? null : number("treeSize", treeSize, 1, Long.MAX_VALUE);
        return blocking(() -> queries.inclusionProof(org, index, size));
    }

    /** The record's offline proof bundle (C2SP tlog-proof), as a file to download. */
    @GetMapping(path = "/api/v1/audit/organisations/{organisation}/records/{leafIndex}/proof-bundle",
            produces = MediaType.TEXT_PLAIN_VALUE)
    public Mono<ResponseEntity<String>> proofBundle(@PathVariable String organisation, ServerWebExchange exchange, @PathVariable String leafIndex,
                                                    @RequestParam(required = false) String treeSize) {
        OrganisationId org = ownOrganisation(organisation, exchange);
        long index = number("leafIndex", leafIndex, 0, Long.MAX_VALUE);
        Long size = treeSize == null ? null : number("treeSize", treeSize, 1, Long.MAX_VALUE);
        return blocking(() -> ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"audit-record-" + index + ".tlog-proof\"")
                .contentType(MediaType.TEXT_PLAIN)
                .body(queries.proofBundle(org, index, size)));
    }

    /** Every matching record, streamed in log order as CSV ({@code format=csv}) or JSON lines ({@code format=jsonl}). */
    @GetMapping(path = "/api/v1/audit/organisations/{organisation}/export")
    public ResponseEntity<Flux<String>> export(@PathVariable String organisation, ServerWebExchange exchange,
                                               @RequestParam(defaultValue = "jsonl") String format,
                                               @RequestParam(required = false) String walletId,
                                               @RequestParam(required = false) String actor,
                                               @RequestParam(required = false) String eventType,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to) {
        OrganisationId org = ownOrganisation(organisation, exchange);
        AuditSearch search = new AuditSearch(walletId, actor, eventType, instant("from", from), instant("to", to));
        boolean csv = switch (format) {
            case "csv" -> true;
            case "jsonl" -> false;
            default -> throw RejectedException.invalid("Unknown export format",
                    Map.of("format", List.of("must be csv or jsonl")));
        };
        Flux<String> rows = Flux.<List<AuditQueries.RecordView>, Long>generate(() -> -1L, (after, sink) -> {
                    List<AuditQueries.RecordView> batch = queries.exportBatch(org, search, after);
                    if (batch.isEmpty()) {
                        sink.complete();
                        return after;
                    }
                    sink.next(batch);
                    return batch.get(batch.size() - 1).leafIndex();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .concatMapIterable(batch -> batch.stream().map(r -> csv ? AuditCsv.row(r) : jsonLine(r)).toList());
        Flux<String> body = csv ? Flux.concat(Flux.just(AuditCsv.header()), rows) : rows;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + org.value()
                        + (csv ? ".csv\"" : ".jsonl\""))
                .contentType(csv ? new MediaType("text", "csv") : new MediaType("application", "jsonl"))
                .body(body);
    }

    private String jsonLine(AuditQueries.RecordView view) {
        AuditRecord r = view.record();
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("leafIndex", view.leafIndex());
        line.put("leafHash", view.leafHash());
        line.putAll(r.fields());
        return json.writeValueAsString(line) + "\n";
    }

    /**
     * The organisation in the path, which must be the caller's own: another organisation's records answer {@code 404}
     * exactly as an organisation that does not exist, so an officer learns nothing of other tenants (issue 11).
     */
    private static OrganisationId ownOrganisation(String raw, ServerWebExchange exchange) {
        OrganisationId requested;
        try {
            requested = new OrganisationId(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid organisation", Map.of("organisation", List.of(e.getMessage())));
        }
        if (!requested.equals(Caller.of(exchange.getAttributes()).organisation())) {
            throw new RejectedException(io.custody.api.error.ErrorCode.NOT_FOUND, "No such organisation");
        }
        return requested;
    }

    private static long number(String name, String raw, long min, long max) {
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw RejectedException.invalid("Invalid " + name, Map.of(name, List.of(
                    "must be an integer from " + min + (max == Long.MAX_VALUE ? "" : " to " + max))));
        }
    }

    private static Instant instant(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw RejectedException.invalid("Invalid " + name, Map.of(name, List.of("must be an ISO-8601 instant")));
        }
    }

    private static <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }
}
