package io.eventloom.app;

import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import io.eventloom.shop.Shop;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code eventloom schemas}: how this build's schemas stand against a schema registry. */
@Command(name = "schemas", mixinStandardHelpOptions = true, description = "Checks this build's schemas against a"
        + " schema registry.", subcommands = SchemasCommand.CheckCommand.class)
final class SchemasCommand {

    @CommandLine.ParentCommand
    private Main parent;

    /** {@code eventloom schemas check}: the gate before a deploy. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Asks the schema registry (schema.registry.url, else the embedded one on"
                    + " schema.registry.port of this machine) whether every schema this build would register may"
                    + " follow what it holds, at each subject's own level; prints one line per problem and a"
                    + " summary.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every schema fits, or its subject is new", "1:a schema is incompatible",
                    "2:a configuration error", "3:the registry could not be reached or refused to answer"})
    static final class CheckCommand implements Callable<Integer> {

        static final int INCOMPATIBLE = 1;
        static final int REGISTRY_UNAVAILABLE = 3;

        @CommandLine.ParentCommand
        private SchemasCommand schemas;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            EventloomConfig config = schemas.parent.config();
            String url = config.get(EventloomConfig.SCHEMA_REGISTRY_URL)
                    .orElse("http://localhost:" + config.intValue(EventloomConfig.SCHEMA_REGISTRY_PORT));
            SchemasCheck check = new SchemasCheck(
                    DomainSchemas.of(Shop.domain(config.duration(EventloomConfig.SAGA_STEP_TIMEOUT)),
                            TopicPlan.topicNames(config)),
                    config.require(EventloomConfig.APPLICATION_ID),
                    new HttpSchemaRegistryClient(url, config.schemaRegistryAuthorization()));
            List<SchemasCheck.Verdict> verdicts;
            try {
                verdicts = check.run();
            } catch (SchemaRegistryException e) {
                spec.commandLine().getErr().println("Cannot check the schemas against the registry at " + url + ": "
                        + why(e));
                return REGISTRY_UNAVAILABLE;
            }
            PrintWriter out = spec.commandLine().getOut();
            verdicts.forEach(verdict -> verdict.problems().forEach(problem ->
                    out.println(verdict.subject() + ": " + problem)));
            Map<SchemasCheck.Status, Integer> counts = new EnumMap<>(SchemasCheck.Status.class);
            verdicts.forEach(verdict -> counts.merge(verdict.status(), 1, Integer::sum));
            out.println(summary(verdicts.size(), url, counts));
            return counts.containsKey(SchemasCheck.Status.INCOMPATIBLE) ? INCOMPATIBLE : 0;
        }

        private static String why(SchemaRegistryException e) {
            if (e.errorCode() != SchemaRegistryException.UNREACHABLE || e.getCause() == null) {
                return e.getMessage();
            }
            Throwable cause = e.getCause();
            return "it cannot be reached (" + (cause.getMessage() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName()) + ")";
        }

        private static String summary(int subjects, String url, Map<SchemasCheck.Status, Integer> counts) {
            return subjects + " subjects checked against " + url + ": "
                    + counts.getOrDefault(SchemasCheck.Status.FITS, 0) + " fit, "
                    + counts.getOrDefault(SchemasCheck.Status.NEW, 0) + " new, "
                    + counts.getOrDefault(SchemasCheck.Status.INCOMPATIBLE, 0) + " incompatible, "
                    + counts.getOrDefault(SchemasCheck.Status.NOT_CHECKED, 0) + " not checked.";
        }
    }
}
