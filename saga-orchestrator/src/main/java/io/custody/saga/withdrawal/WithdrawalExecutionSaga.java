package io.custody.saga.withdrawal;

import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * One ready withdrawal until it is final. The withdrawal delay is the proposal's own persistent deadline (seed
 * Property 12, decided by the {@code WithdrawalProposal} aggregate: {@code WithdrawalDelayElapsed} is never applied
 * before ready time + delay, and execution cannot start before it). When it elapses the saga asks the proposal to
 * start executing, which re-checks its status; the proposal answers with everything the transaction is made of, and
 * the saga hands that to the {@link WithdrawalExecutor}, asking it again on a persistent deadline until the proposal
 * is completed or failed, so a restart resumes from the journal. Rejection or expiry ends the saga and its deadline.
 */
@Saga
@ProcessingGroup(WithdrawalExecutionSaga.PROCESSOR)
@ConditionalOnProperty(name = "custody.execution.enabled", havingValue = "true", matchIfMissing = true)
public class WithdrawalExecutionSaga {

    public static final String PROCESSOR = "withdrawal-execution";
    static final String CHECK = "withdrawal-execution-check";
    static final Duration CHECK_EVERY = Duration.ofSeconds(15);

    private String walletId;
    private String proposalId;
    private ExecutionPlan plan;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient ObjectProvider<WithdrawalExecutor> executor;

    @StartSaga
    @SagaEventHandler(associationProperty = "proposalId")
    void on(ProposalReady event) {
        walletId = event.walletId().toString();
        proposalId = event.proposalId().toString();
    }

    @SagaEventHandler(associationProperty = "proposalId")
    void on(WithdrawalDelayElapsed event) {
        if (executor.getIfAvailable() == null) {
            // no chain configured: the proposal stays READY (and the saga alive) until an operator configures one
            return;
        }
        commands.sendAndWait(new StartWithdrawalExecution(WalletId.parse(walletId), ProposalId.parse(proposalId)));
    }

    @SagaEventHandler(associationProperty = "proposalId")
    void on(WithdrawalExecutionStarted event) {
        plan = ExecutionPlan.of(event);
        check();
    }

    @DeadlineHandler(deadlineName = CHECK)
    void check() {
        deadlines.schedule(CHECK_EVERY, CHECK);
        WithdrawalExecutor running = executor.getIfAvailable();
        if (running != null && plan != null) {
            running.run(plan);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "proposalId")
    void on(WithdrawalCompleted event) {
        deadlines.cancelAllWithinScope(CHECK);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "proposalId")
    void on(WithdrawalFailed event) {
        deadlines.cancelAllWithinScope(CHECK);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "proposalId")
    void on(ProposalRejected event) {
        deadlines.cancelAllWithinScope(CHECK);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "proposalId")
    void on(ProposalExpired event) {
        deadlines.cancelAllWithinScope(CHECK);
    }
}
