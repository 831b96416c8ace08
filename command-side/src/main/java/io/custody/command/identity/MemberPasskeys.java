package io.custody.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.PasskeyCloneSuspected;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.identity.PasskeyRenamed;
import io.custody.api.identity.PasskeyRevoked;
import io.custody.api.identity.PasskeyUsed;
import io.custody.api.identity.RecordPasskeyUse;
import io.custody.api.identity.RegisterPasskey;
import io.custody.api.identity.RenamePasskey;
import io.custody.api.identity.RevokePasskey;
import io.custody.command.common.DisplayNames;
import io.custody.command.common.Rejections;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A member's passkeys: registered, used (signature counter and backup state), renamed, revoked, and suspected clones.
 * The ceremonies themselves (challenge, origin, RP id, signature, user verification) are verified before a command
 * gets here; this aggregate keeps what must hold across them: the counter never goes backwards, a revoked passkey
 * stays revoked, and a member is never left without an active passkey by revoking the last one.
 */
@Aggregate
public class MemberPasskeys {

    @AggregateIdentifier
    private MemberId member;
    private final Map<String, Passkey> passkeys = new LinkedHashMap<>();

    private record Passkey(long counter, boolean revoked, String publicKeyCose, boolean backupEligible) {
    }

    /** What a passkey vote needs of one active passkey of this member. */
    public record ApprovalKey(byte[] publicKeyCose, long counter, boolean backupEligible) {
    }

    protected MemberPasskeys() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterPasskey command, Clock clock) {
        if (passkeys.containsKey(command.credentialId())) {
            return; // the same registration recorded again
        }
        List<String> name = DisplayNames.violations(command.name());
        if (!name.isEmpty()) {
            throw Rejections.because(Reason.INVALID_TEXT, "Invalid passkey name", Map.of("name", name));
        }
        if (command.signatureCount() < 0) {
            throw Rejections.invalid("Invalid passkey", "signatureCount", "must not be negative");
        }
        apply(new PasskeyRegistered(command.member(), command.organisation(), command.credentialId(),
                command.publicKeyCose(), command.signatureCount(), command.attestationFormat(),
                command.backupEligible(), command.backedUp(), command.name().strip(), clock.instant()));
    }

    /**
     * Records an assertion the ceremony verified. A counter that went backwards is refused <em>and</em> recorded, so
     * the outcome is a value rather than an exception (an exception would roll the record back).
     */
    @CommandHandler
    public PasskeyUseOutcome handle(RecordPasskeyUse command, Clock clock) {
        Passkey passkey = passkeys.get(command.credentialId());
        if (passkey == null) return PasskeyUseOutcome.UNKNOWN;
        if (passkey.revoked()) return PasskeyUseOutcome.REVOKED;
        if (SignatureCounterPolicy.check(passkey.counter(), command.signatureCount())
                == SignatureCounterPolicy.Verdict.REGRESSED) {
            apply(new PasskeyCloneSuspected(member, command.credentialId(), passkey.counter(),
                    command.signatureCount(), clock.instant()));
            return PasskeyUseOutcome.CLONE_SUSPECTED;
        }
        apply(new PasskeyUsed(member, command.credentialId(), command.signatureCount(), command.backedUp(),
                clock.instant()));
        return PasskeyUseOutcome.ACCEPTED;
    }

    @CommandHandler
    public void handle(RenamePasskey command, Clock clock) {
        requireActive(command.credentialId());
        List<String> name = DisplayNames.violations(command.name());
        if (!name.isEmpty()) {
            throw Rejections.because(Reason.INVALID_TEXT, "Invalid passkey name", Map.of("name", name));
        }
        apply(new PasskeyRenamed(member, command.credentialId(), command.name().strip(), clock.instant()));
    }

    @CommandHandler
    public void handle(RevokePasskey command, Clock clock) {
        Passkey passkey = passkeys.get(command.credentialId());
        if (passkey == null) {
            throw Rejections.because(Reason.PASSKEY_NOT_FOUND, "No passkey " + command.credentialId());
        }
        if (passkey.revoked()) return;
        long active = passkeys.values().stream().filter(p -> !p.revoked()).count();
        if (active <= 1) {
            throw Rejections.because(Reason.LAST_PASSKEY,
                    "The last passkey cannot be revoked; register another one first");
        }
        apply(new PasskeyRevoked(member, command.credentialId(), clock.instant()));
    }

    /**
     * The active passkey {@code credentialId} (base64url) of this member, for verifying a vote it signed; empty when
     * the member has no such passkey or it is revoked.
     */
    public Optional<ApprovalKey> approvalKey(String credentialId) {
        Passkey passkey = passkeys.get(credentialId);
        if (passkey == null || passkey.revoked() || passkey.publicKeyCose() == null) return Optional.empty();
        return Optional.of(new ApprovalKey(Base64.getUrlDecoder().decode(passkey.publicKeyCose()), passkey.counter(),
                passkey.backupEligible()));
    }

    /**
     * Records the use of a passkey by a vote, in the vote's unit of work. A counter that did not advance is refused
     * here by returning {@code false} <em>without</em> recording anything: the vote is then refused, which rolls the
     * unit of work back, so a clone record would not survive (the login ceremony records it).
     */
    public boolean recordVoteUse(String credentialId, long signatureCount, boolean backedUp, Instant now) {
        Passkey passkey = passkeys.get(credentialId);
        if (passkey == null || passkey.revoked()) return false;
        if (SignatureCounterPolicy.check(passkey.counter(), signatureCount) == SignatureCounterPolicy.Verdict.REGRESSED) {
            return false;
        }
        apply(new PasskeyUsed(member, credentialId, signatureCount, backedUp, now));
        return true;
    }

    private void requireActive(String credentialId) {
        Passkey passkey = passkeys.get(credentialId);
        if (passkey == null || passkey.revoked()) {
            throw Rejections.because(Reason.PASSKEY_NOT_FOUND, "No passkey " + credentialId);
        }
    }

    @EventSourcingHandler
    void on(PasskeyRegistered event) {
        member = event.member();
        passkeys.put(event.credentialId(), new Passkey(event.signatureCount(), false, event.publicKeyCose(),
                event.backupEligible()));
    }

    @EventSourcingHandler
    void on(PasskeyUsed event) {
        passkeys.computeIfPresent(event.credentialId(), (id, p) -> new Passkey(event.signatureCount(), p.revoked(),
                p.publicKeyCose(), p.backupEligible()));
    }

    @EventSourcingHandler
    void on(PasskeyRevoked event) {
        passkeys.computeIfPresent(event.credentialId(), (id, p) -> new Passkey(p.counter(), true, p.publicKeyCose(),
                p.backupEligible()));
    }
}
