package io.custody.saga.provisioning;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletProvisioningFailed;
import io.custody.api.wallet.WalletProvisioningRetried;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * One provisioning attempt of one wallet, from {@link CustodyWalletCreated} (attempt 1) or
 * {@link WalletProvisioningRetried} (attempt n) until the wallet is activated or the attempt has failed. The saga
 * asks the MPC cluster for the attempt's key and keeps a persistent deadline to ask again (the same idempotent
 * request) until an answer arrives, so a restart, a lost callback or a safe-prime pool that is still filling only
 * delays the activation. The wallet decides; the saga only asks and forwards the answer as a command.
 */
@Saga
@ProcessingGroup(WalletProvisioningSaga.PROCESSOR)
@ConditionalOnProperty(name = "custody.provisioning.enabled", havingValue = "true", matchIfMissing = true)
public class WalletProvisioningSaga {

    public static final String PROCESSOR = "wallet-provisioning";
    static final String ASK_AGAIN = "provisioning-ask-again";

    private WalletKeyPlan plan;

    @Autowired
    private transient WalletKeyProvisioner provisioner;
    @Autowired
    private transient DeadlineManager deadlines;

    @StartSaga
    @SagaEventHandler(associationProperty = "walletId")
    void on(CustodyWalletCreated event) {
        start(event.walletId(), event.chainFamily(), 1);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "walletId")
    void on(WalletProvisioningRetried event) {
        start(event.walletId(), event.chainFamily(), event.attempt());
    }

    private void start(WalletId walletId, ChainFamily family, int attempt) {
        plan = new WalletKeyPlan(walletId, family, attempt, provisioner.threshold());
        ask();
    }

    @DeadlineHandler(deadlineName = ASK_AGAIN)
    void askAgain() {
        ask();
    }

    private void ask() {
        deadlines.schedule(provisioner.askAgainAfter(), ASK_AGAIN);
        provisioner.provision(plan);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "walletId")
    void on(CustodyWalletActivated event) {
        deadlines.cancelAllWithinScope(ASK_AGAIN);
    }

    @SagaEventHandler(associationProperty = "walletId")
    void on(WalletProvisioningFailed event) {
        if (event.attempt() == plan.attempt()) {
            deadlines.cancelAllWithinScope(ASK_AGAIN);
            SagaLifecycle.end();
        }
    }
}
