package org.allcds.admin;

import java.util.ArrayList;
import java.util.List;
import org.allcds.engine.ReloadAttempt;
import org.allcds.engine.RuleReloader;
import org.allcds.engine.RuleSetGate;
import org.allcds.errors.OperationOutcomeBody;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rule set administration: the status of the serving set and the last refused reload, and a manual reload. Exists
 * only when an admin token is configured; the token is checked by {@link AdminTokenFilter}.
 */
@RestController
@RequestMapping(path = "/admin/rules", produces = MediaType.APPLICATION_JSON_VALUE)
@Conditional(AdminEnabled.class)
class RulesAdminController {

    private final RuleReloader reloader;

    RulesAdminController(RuleReloader reloader) {
        this.reloader = reloader;
    }

    @GetMapping
    ResponseEntity<RulesStatus> status() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(currentStatus());
    }

    /** 200 with the status when the folder's rule set is serving (loaded now, or already); 422 when refused. */
    @PostMapping("/reload")
    ResponseEntity<?> reload() {
        ReloadAttempt attempt = reloader.reload("endpoint");
        if (!attempt.refused()) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(currentStatus());
        }
        return ResponseEntity.status(422).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(refusal(attempt));
    }

    private RulesStatus currentStatus() {
        return reloader.holder().withRuleSet(ruleSet -> RulesStatus.of(ruleSet, reloader.lastFailure()));
    }

    private OperationOutcomeBody refusal(ReloadAttempt attempt) {
        String serving = reloader.holder().withRuleSet(s -> s.version() + " (" + s.hash().substring(0, 12) + ")");
        List<OperationOutcomeBody.Issue> issues = new ArrayList<>();
        attempt.problems().forEach(p -> issues.add(new OperationOutcomeBody.Issue(
                p.severity().name().toLowerCase(), "invalid", p.toString(), List.of())));
        for (RuleSetGate.Failure f : attempt.failedScenarios()) {
            issues.add(OperationOutcomeBody.Issue.error("business-rule", f.diff()));
        }
        return OperationOutcomeBody.of("processing", "The new rule set was refused (" + attempt.reason()
                + "); rule set " + serving + " keeps serving.", issues);
    }
}
