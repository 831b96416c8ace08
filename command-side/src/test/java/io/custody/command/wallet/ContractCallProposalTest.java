package io.custody.command.wallet;

import static io.custody.command.wallet.WalletFixtures.ACME;
import static io.custody.command.wallet.WalletFixtures.ALICE;
import static io.custody.command.wallet.WalletFixtures.BOB;
import static io.custody.command.wallet.WalletFixtures.CAROL;
import static io.custody.command.wallet.WalletFixtures.EVM_ADDRESS;
import static io.custody.command.wallet.WalletFixtures.EXPIRES;
import static io.custody.command.wallet.WalletFixtures.ID;
import static io.custody.command.wallet.WalletFixtures.MALLORY;
import static io.custody.command.wallet.WalletFixtures.NOW;
import static io.custody.command.wallet.WalletFixtures.P1;
import static io.custody.command.wallet.WalletFixtures.P2;
import static io.custody.command.wallet.WalletFixtures.activated;
import static io.custody.command.wallet.WalletFixtures.aptosActivated;
import static io.custody.command.wallet.WalletFixtures.aptosCreated;
import static io.custody.command.wallet.WalletFixtures.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.AllowContract;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.ContractDisallowed;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.DisallowContract;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.ContractCall;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.api.withdrawal.WithdrawalDelayElapsed;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.command.withdrawal.TestKeys.EvmKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract-call proposals through the same workflow as withdrawals: only allowed contracts and functions, the call
 * encoded once and bound into every signature (the proposer's request and each approver's decision), the contract's
 * minimum approvals, the value reserved, and the calldata handed to execution unchanged.
 */
class ContractCallProposalTest {

    static final TokenId ETH = new TokenId("ETH");
    static final DestinationAddress ESCROW = new DestinationAddress(ChainFamily.EVM, "0x" + "e5".repeat(20));
    static final DestinationAddress OTHER = new DestinationAddress(ChainFamily.EVM, "0x" + "0e".repeat(20));
    static final String BUYER = "0x" + "b0".repeat(20);
    static final String ORDER = "0x" + "0a".repeat(32);
    static final String ARBITRATE = "arbitrate(address,bytes32,uint256,uint256)";

    static ContractAllowed escrowAllowed(int minApprovals) {
        return new ContractAllowed(ID, ESCROW, "Escrow", List.of(ARBITRATE, "confirmDelivery(address,bytes32)"),
                minApprovals, NOW);
    }

    static DepositCredited eth(long wei) {
        return new DepositCredited(ID, new DepositId("0xeth:" + wei), ETH, Amount.of(wei), NOW);
    }

    static ProposeContractCall propose(ProposalId id, EvmKey proposer, DestinationAddress contract, long value,
                                       ContractCall call) {
        ProposeContractCall unsigned = new ProposeContractCall(ID, id, proposer.address(), contract, ETH,
                Amount.of(value), call, EXPIRES, null);
        return new ProposeContractCall(ID, id, proposer.address(), contract, ETH, Amount.of(value), call, EXPIRES,
                proposer.signRequest(unsigned.requestPayload()));
    }

    static ContractCall arbitrate(String buyerShare, String sellerShare) {
        return ContractCall.request(ARBITRATE, List.of(BUYER, ORDER, buyerShare, sellerShare));
    }

    static ContractCall encodedArbitrate(String buyerShare, String sellerShare) {
        return io.custody.command.withdrawal.call.ContractCalls.encode(arbitrate(buyerShare, sellerShare));
    }

    static Workflow given(Object... events) {
        return new Workflow().given(events);
    }

    static WithdrawalProposed opened(ProposalId id, int required, ContractCall encoded, long value) {
        ProposeContractCall request = propose(id, ALICE, ESCROW, value, encoded.withoutData());
        return new WithdrawalProposed(ID, ACME, id, 1, ALICE.address(), ESCROW, ETH, Amount.of(value),
                List.of(ALICE.address(), BOB.address(), CAROL.address()), new io.custody.api.wallet.Threshold(2),
                required, List.of(), 0, EXPIRES, NOW, request.proposerSignature(), encoded, null);
    }

    @Test
    void an_allowed_call_is_encoded_reserved_and_needs_the_contracts_minimum_approvals() {
        ContractCall encoded = encodedArbitrate("70", "30");
        given(created(), activated(), eth(1_000), escrowAllowed(3))
                .when(propose(P1, ALICE, ESCROW, 0, arbitrate("70", "30")))
                .expectEvents(new WithdrawalReserved(ID, P1, 1, ETH, Amount.ZERO, NOW), opened(P1, 3, encoded, 0))
                .expectResult(P1);
        assertThat(encoded.data()).startsWith("0x" + org.web3j.crypto.Hash.sha3String(ARBITRATE).substring(2, 10));
    }

    @Test
    void a_contract_that_is_not_allowed_is_refused_and_nothing_is_reserved() {
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .when(propose(P1, ALICE, OTHER, 0, arbitrate("70", "30")))
                .expectRejection(Reason.CONTRACT_NOT_ALLOWED);
    }

    @Test
    void a_function_the_contract_entry_does_not_list_is_refused() {
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .when(propose(P1, ALICE, ESCROW, 0, ContractCall.request("withdraw(address,address)",
                        List.of(BUYER, BUYER))))
                .expectRejection(Reason.CONTRACT_NOT_ALLOWED);
    }

    @Test
    void a_disallowed_contract_takes_no_new_proposals() {
        given(created(), activated(), eth(1_000), escrowAllowed(0), new ContractDisallowed(ID, ESCROW, NOW))
                .when(propose(P1, ALICE, ESCROW, 0, arbitrate("70", "30")))
                .expectRejection(Reason.CONTRACT_NOT_ALLOWED);
    }

    @Test
    void the_proposers_signature_binds_the_arguments_so_a_swapped_split_is_refused() {
        ProposeContractCall signedFor7030 = propose(P1, ALICE, ESCROW, 0, arbitrate("70", "30"));
        ProposeContractCall sentAs3070 = new ProposeContractCall(ID, P1, ALICE.address(), ESCROW, ETH, Amount.ZERO,
                arbitrate("30", "70"), EXPIRES, signedFor7030.proposerSignature());
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .when(sentAs3070)
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_request_signed_by_someone_else_is_refused() {
        ProposeContractCall mallorys = propose(P1, MALLORY, ESCROW, 0, arbitrate("70", "30"));
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .when(new ProposeContractCall(ID, P1, ALICE.address(), ESCROW, ETH, Amount.ZERO,
                        arbitrate("70", "30"), EXPIRES, mallorys.proposerSignature()))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_value_above_the_available_balance_is_refused() {
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .when(propose(P1, ALICE, ESCROW, 1_001, arbitrate("70", "30")))
                .expectRejection(Reason.INSUFFICIENT_BALANCE);
    }

    @Test
    void arguments_that_do_not_fit_the_function_are_refused() {
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .when(propose(P1, ALICE, ESCROW, 0, ContractCall.request(ARBITRATE, List.of(BUYER, ORDER, "-1", "1"))))
                .expectRejection(Reason.INVALID_CALL);
    }

    @Test
    void repeating_the_request_returns_the_proposal_and_another_call_under_its_id_is_a_conflict() {
        given(created(), activated(), eth(1_000), escrowAllowed(0), new WithdrawalReserved(ID, P1, 1, ETH,
                Amount.ZERO, NOW), opened(P1, 2, encodedArbitrate("70", "30"), 0))
                .when(propose(P1, ALICE, ESCROW, 0, arbitrate("70", "30")))
                .expectNoEvents()
                .expectResult(P1)
                .when(propose(P1, ALICE, ESCROW, 0, arbitrate("69", "31")))
                .expectRejection(Reason.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void an_approval_signed_over_the_call_without_its_calldata_does_not_count() {
        WithdrawalProposed proposal = opened(P1, 2, encodedArbitrate("70", "30"), 0);
        ProposalSigningPayload withoutCall = new ProposalSigningPayload(ID, P1, 1, ETH, Amount.ZERO, ESCROW, EXPIRES);
        given(created(), activated(), eth(1_000), escrowAllowed(0),
                new WithdrawalReserved(ID, P1, 1, ETH, Amount.ZERO, NOW), proposal)
                .when(new ApproveProposal(ID, P1, BOB.address(), BOB.sign(withoutCall, Decision.APPROVE)))
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void approved_calls_execute_with_exactly_the_calldata_the_approvers_signed() {
        ContractCall encoded = encodedArbitrate("70", "30");
        WithdrawalProposed proposal = opened(P1, 2, encoded, 0);
        ProposalSigningPayload payload = ProposalSigningPayload.of(proposal);
        Workflow workflow = given(created(), activated(), eth(1_000), escrowAllowed(0),
                new WithdrawalReserved(ID, P1, 1, ETH, Amount.ZERO, NOW), proposal)
                .andGivenCommands(new ApproveProposal(ID, P1, ALICE.address(), ALICE.sign(payload, Decision.APPROVE)));
        workflow.when(new ApproveProposal(ID, P1, BOB.address(), BOB.sign(payload, Decision.APPROVE)))
                .expectEvents(new ProposalApproved(ID, P1, BOB.address(), BOB.sign(payload, Decision.APPROVE), NOW),
                        new ProposalReady(ID, P1, NOW, NOW), new WithdrawalDelayElapsed(ID, P1, NOW))
                .when(new StartWithdrawalExecution(ID, P1))
                .expectEvents(new WithdrawalExecutionStarted(ID, P1, "evm-1", EVM_ADDRESS, ESCROW, ETH, Amount.ZERO,
                        NOW, encoded));
    }

    @Test
    void the_allowed_list_canonicalises_functions_and_refuses_what_is_no_signature() {
        given(created(), activated())
                .when(new AllowContract(ID, ESCROW, " Escrow ", List.of("confirmDelivery(address,bytes32)",
                        "arbitrate(address,bytes32,uint,uint)"), 0))
                .expectEvents(new ContractAllowed(ID, ESCROW, "Escrow", List.of("confirmDelivery(address,bytes32)",
                        ARBITRATE), 0, NOW))
                .when(new AllowContract(ID, OTHER, "Bad", List.of("confirmDelivery(address to)"), 0))
                .expectRejection(Reason.INVALID_CALL)
                .when(new AllowContract(ID, OTHER, "", List.of(ARBITRATE), 0))
                .expectRejection(Reason.INVALID_TEXT)
                .when(new AllowContract(ID, OTHER, "None", List.of(), 0))
                .expectRejection(Reason.INVALID_FIELD)
                .when(new AllowContract(ID, OTHER, "Too strict", List.of(ARBITRATE), 21))
                .expectRejection(Reason.INVALID_FIELD)
                .when(new DisallowContract(ID, OTHER))
                .expectNoEvents();
    }

    @Test
    void token_transfer_functions_cannot_be_allowed_so_calls_never_go_around_the_whitelist() {
        for (String transfer : List.of("transfer(address,uint256)", "transfer(address,uint)",
                "transferFrom(address,address,uint256)", "safeTransferFrom(address,address,uint256)")) {
            given(created(), activated())
                    .when(new AllowContract(ID, OTHER, "Token", List.of("approve(address,uint256)", transfer), 0))
                    .expectRejection(Reason.CONTRACT_NOT_ALLOWED);
        }
    }

    @Test
    void an_aptos_wallet_allows_no_contract_calls() {
        given(aptosCreated(), aptosActivated())
                .when(new AllowContract(ID, new DestinationAddress(ChainFamily.APTOS, "0x" + "ef".repeat(32)), "Move",
                        List.of(ARBITRATE), 0))
                .expectRejection(Reason.WRONG_CHAIN_FAMILY);
    }

    @Test
    void proposal_ids_for_calls_and_transfers_share_one_space() {
        given(created(), activated(), eth(1_000), escrowAllowed(0))
                .andGivenCommands(propose(P1, ALICE, ESCROW, 0, arbitrate("70", "30")))
                .when(propose(P2, BOB, ESCROW, 5, arbitrate("1", "2")))
                .expectSuccess();
    }

    // ----- scheduled calls and token calls -----

    static final TokenId TUSD = new TokenId("TUSD");
    static final DestinationAddress FINANCING = new DestinationAddress(ChainFamily.EVM, "0x" + "f1".repeat(20));
    static final ContractCall REPAY = ContractCall.request("repay(uint256)", List.of("7"));
    static final java.time.Instant DUE = NOW.plus(java.time.Duration.ofDays(3));

    static ContractAllowed financingAllowed() {
        return new ContractAllowed(ID, FINANCING, "Financing", List.of("repay(uint256)"), 0, NOW);
    }

    static DepositCredited tusd(long units) {
        return new DepositCredited(ID, new DepositId("0xtusd:" + units), TUSD, Amount.of(units), NOW);
    }

    static ProposeContractCall repayOnDueDate(ProposalId id, long maximum) {
        ProposeContractCall unsigned = new ProposeContractCall(ID, id, ALICE.address(), FINANCING, TUSD,
                Amount.of(maximum), REPAY, EXPIRES, null, DUE);
        return new ProposeContractCall(ID, id, ALICE.address(), FINANCING, TUSD, Amount.of(maximum), REPAY, EXPIRES,
                ALICE.signRequest(unsigned.requestPayload()), DUE);
    }

    @Test
    void a_repayment_scheduled_on_its_due_date_is_approved_ahead_and_becomes_executable_only_then() {
        Workflow workflow = given(created(), activated(), tusd(5_000), financingAllowed())
                .andGivenCommands(repayOnDueDate(P1, 1_000));
        ProposalSigningPayload payload = new ProposalSigningPayload(ID, P1, 1, TUSD, Amount.of(1_000), FINANCING,
                EXPIRES, io.custody.command.withdrawal.call.ContractCalls.encode(REPAY), DUE);
        workflow.andGivenCommands(new ApproveProposal(ID, P1, ALICE.address(), ALICE.sign(payload, Decision.APPROVE)))
                .when(new ApproveProposal(ID, P1, BOB.address(), BOB.sign(payload, Decision.APPROVE)))
                .expectEvents(new ProposalApproved(ID, P1, BOB.address(), BOB.sign(payload, Decision.APPROVE), NOW),
                        new ProposalReady(ID, P1, DUE, NOW))
                .expectScheduledDeadline(DUE, io.custody.command.withdrawal.WithdrawalProposal.DELAY)
                .when(new StartWithdrawalExecution(ID, P1))
                .expectRejection(Reason.PROPOSAL_NOT_EXECUTABLE)
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectEvents(new WithdrawalDelayElapsed(ID, P1, NOW))
                .when(new StartWithdrawalExecution(ID, P1))
                .expectSuccess();
    }

    @Test
    void the_schedule_is_part_of_what_the_proposer_signs() {
        ProposeContractCall signedWithout = new ProposeContractCall(ID, P1, ALICE.address(), FINANCING, TUSD,
                Amount.of(1_000), REPAY, EXPIRES, null);
        ProposeContractCall sentWith = new ProposeContractCall(ID, P1, ALICE.address(), FINANCING, TUSD,
                Amount.of(1_000), REPAY, EXPIRES, ALICE.signRequest(signedWithout.requestPayload()), DUE);
        given(created(), activated(), tusd(5_000), financingAllowed())
                .when(sentWith)
                .expectRejection(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_schedule_more_than_a_year_ahead_is_refused() {
        ProposeContractCall unsigned = new ProposeContractCall(ID, P1, ALICE.address(), FINANCING, TUSD,
                Amount.of(1_000), REPAY, EXPIRES, null, NOW.plus(java.time.Duration.ofDays(367)));
        given(created(), activated(), tusd(5_000), financingAllowed())
                .when(new ProposeContractCall(ID, P1, ALICE.address(), FINANCING, TUSD, Amount.of(1_000), REPAY,
                        EXPIRES, ALICE.signRequest(unsigned.requestPayload()), unsigned.notBefore()))
                .expectRejection(Reason.EXPIRY_OUT_OF_RANGE);
    }

    @Test
    void a_token_call_reserves_its_declared_maximum_and_settles_what_its_receipt_says_left_the_wallet() {
        ContractCall encoded = io.custody.command.withdrawal.call.ContractCalls.encode(REPAY);
        WithdrawalProposed opened = new WithdrawalProposed(ID, ACME, P1, 1, ALICE.address(), FINANCING, TUSD,
                Amount.of(1_000), List.of(ALICE.address(), BOB.address(), CAROL.address()),
                new io.custody.api.wallet.Threshold(2), 2, List.of(), 0, EXPIRES, NOW,
                repayOnDueDate(P1, 1_000).proposerSignature(), encoded, DUE);
        Workflow executing = given(created(), activated(), tusd(5_000), financingAllowed(),
                new WithdrawalReserved(ID, P1, 1, TUSD, Amount.of(1_000), NOW), opened,
                new ProposalReady(ID, P1, DUE, NOW), new WithdrawalDelayElapsed(ID, P1, DUE),
                new WithdrawalExecutionStarted(ID, P1, "evm-1", EVM_ADDRESS, FINANCING, TUSD, Amount.of(1_000), NOW,
                        encoded));
        executing.when(new io.custody.api.withdrawal.CompleteWithdrawal(ID, P1, "0xfeed", Amount.of(980)))
                .expectEvents(new io.custody.api.withdrawal.WithdrawalCompleted(ID, P1, "0xfeed", NOW),
                        new io.custody.api.withdrawal.WithdrawalSettled(ID, P1, TUSD, Amount.of(980), "0xfeed", NOW));
        // 5,000 deposited, 980 left: a new proposal of 4,020 fits, 4,021 does not
        executing.when(propose(P2, ALICE, FINANCING, 0, REPAY)).expectSuccess();
        executing.when(new ProposeContractCall(ID, new ProposalId(java.util.UUID.randomUUID()), ALICE.address(),
                        FINANCING, TUSD, Amount.of(4_021), REPAY, EXPIRES, null))
                .expectRejection(Reason.INSUFFICIENT_BALANCE);
    }
}
