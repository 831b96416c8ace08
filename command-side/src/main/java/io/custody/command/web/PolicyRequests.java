package io.custody.command.web;

/** Bodies of the wallet policy endpoints; raw JSON values, parsed by {@link WalletPolicyController}. */
final class PolicyRequests {

    private PolicyRequests() {
    }

    record DelayRequest(Integer hours) {
    }

    record LimitsRequest(String single, String daily, String weekly) {
    }

    record StatusRequest(String status, String reason) {
    }

    record ThresholdRequest(Integer threshold) {
    }

    /** {@code functions}: canonical ABI signatures such as {@code confirmDelivery(address,bytes32)}. */
    record ContractRequest(String label, java.util.List<String> functions, Integer minApprovals) {
    }
}
