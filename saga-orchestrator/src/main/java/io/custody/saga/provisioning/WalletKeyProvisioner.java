package io.custody.saga.provisioning;

import io.custody.api.wallet.ActivateCustodyWallet;
import io.custody.api.wallet.RecordWalletProvisioningFailure;
import io.custody.api.wallet.ReportWalletProvisioningWaiting;
import io.custody.mpc.client.KeyDescriptor;
import io.custody.mpc.client.MpcClient;
import io.custody.mpc.client.MpcClientException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The provisioning saga's hands: asks the MPC cluster for the key of one attempt (without blocking the saga's
 * processor: a threshold ECDSA key generation takes seconds to minutes), derives the address through the chain
 * gateway and answers with one command. Every answer names its attempt, and asking twice is the same idempotent
 * request, so a duplicate answer is a no-op on the wallet. Only public keys and addresses are logged.
 */
@Component
public class WalletKeyProvisioner {

    private static final Logger log = LoggerFactory.getLogger(WalletKeyProvisioner.class);

    private final MpcClient mpc;
    private final CommandGateway commands;
    private final int threshold;
    private final Duration askAgainAfter;

    public WalletKeyProvisioner(MpcClient mpc, CommandGateway commands,
                                @Value("${custody.provisioning.mpc-threshold:2}") int threshold,
                                @Value("${custody.provisioning.ask-again-seconds:20}") long askAgainSeconds) {
        this.mpc = mpc;
        this.commands = commands;
        this.threshold = threshold;
        this.askAgainAfter = Duration.ofSeconds(askAgainSeconds);
    }

    /** How many of the cluster's nodes sign for a new key (a property of the cluster, not of the wallet's signers). */
    public int threshold() {
        return threshold;
    }

    /** How long the saga waits for an answer before asking again (the same request; it joins one still running). */
    public Duration askAgainAfter() {
        return askAgainAfter;
    }

    public void provision(WalletKeyPlan plan) {
        mpc.generateKey(plan.idempotencyKey(), plan.request()).whenComplete((key, failure) -> {
            try {
                if (failure == null) {
                    activate(plan, key);
                } else {
                    failed(plan, unwrap(failure));
                }
            } catch (RuntimeException e) {
                log.warn("provisioning of wallet {} (attempt {}) could not answer; the saga will ask again",
                        plan.walletId(), plan.attempt(), e);
            }
        });
    }

    private void activate(WalletKeyPlan plan, KeyDescriptor key) {
        byte[] publicKey = key.publicKey();
        String address = plan.address(publicKey);
        log.info("wallet {} key {} generated: public key {}, address {}", plan.walletId(), plan.keyRef().keyId(),
                HexFormat.of().formatHex(publicKey), address);
        send(plan, new ActivateCustodyWallet(plan.walletId(), plan.attempt(), plan.keyRef().keyId(),
                HexFormat.of().formatHex(publicKey), address));
    }

    private void failed(WalletKeyPlan plan, Throwable failure) {
        if (!(failure instanceof MpcClientException mpcFailure)) {
            log.warn("key generation of wallet {} failed unexpectedly; the saga will ask again", plan.walletId(),
                    failure);
            return;
        }
        switch (KeyGenerationOutcome.of(mpcFailure)) {
            case WAIT -> {
                log.info("key generation of wallet {} waits: {}", plan.walletId(), mpcFailure.code());
                send(plan, new ReportWalletProvisioningWaiting(plan.walletId(), plan.attempt(),
                        mpcFailure.code().name()));
            }
            case ASK_AGAIN -> log.info("key generation of wallet {} did not answer in time; asking again later",
                    plan.walletId());
            case FAIL -> {
                log.warn("key generation of wallet {} (attempt {}) failed: {}", plan.walletId(), plan.attempt(),
                        mpcFailure.code());
                send(plan, new RecordWalletProvisioningFailure(plan.walletId(), plan.attempt(),
                        mpcFailure.code() + ": " + mpcFailure.getMessage()));
            }
        }
    }

    private void send(WalletKeyPlan plan, Object command) {
        commands.send(command).whenComplete((result, refused) -> {
            if (refused != null) {
                log.info("wallet {} did not take {}: {}", plan.walletId(), command.getClass().getSimpleName(),
                        refused.getMessage());
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
