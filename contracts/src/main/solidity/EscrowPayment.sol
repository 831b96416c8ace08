// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// Holds a buyer's payment (native coin or an ERC-20 stablecoin) until the buyer confirms delivery,
/// an arbitrator splits it after a dispute, or the buyer takes it back when the seller never shipped
/// within the refund timeout.
contract EscrowPayment is ReentrancyGuard {
    using SafeERC20 for IERC20;

    enum PaymentStatus { None, Paid, Shipped, Confirmed, Disputed, Refunded, Arbitrated }

    struct Payment {
        address buyer;
        address seller;
        address arbitrator;
        address token; // address(0) means the chain's native coin
        uint256 amount;
        uint256 createTime;
        PaymentStatus status;
    }

    /// Seconds after creation from which an unshipped payment may be refunded to the buyer.
    uint256 public immutable refundTimeout;

    mapping(bytes32 => Payment) private payments;

    event PaymentCreated(bytes32 indexed orderId, address indexed buyer, address indexed seller,
        address arbitrator, address token, uint256 amount);
    event PaymentShipped(bytes32 indexed orderId);
    event DeliveryConfirmed(bytes32 indexed orderId, uint256 paidToSeller);
    event DisputeRaised(bytes32 indexed orderId, address indexed raisedBy, string reason);
    event DisputeArbitrated(bytes32 indexed orderId, uint256 buyerShare, uint256 sellerShare);
    event PaymentRefunded(bytes32 indexed orderId, uint256 amount);

    error OrderAlreadyExists(bytes32 orderId);
    error UnknownOrder(bytes32 orderId);
    error InvalidParty();
    error ZeroAmount();
    error NotBuyer();
    error NotSeller();
    error NotParty();
    error NotArbitrator();
    error WrongStatus(PaymentStatus current);
    error SharesDoNotAddUp(uint256 buyerShare, uint256 sellerShare, uint256 amount);
    error RefundTimeoutNotReached(uint256 refundableFrom);
    error UnexpectedNativeValue();
    error TokenAmountMismatch(uint256 received, uint256 expected);
    error NativeTransferFailed(address to);

    constructor(uint256 refundTimeoutSeconds) {
        refundTimeout = refundTimeoutSeconds;
    }

    function createPayment(bytes32 orderId, address seller, address arbitrator) external payable nonReentrant {
        if (msg.value == 0) revert ZeroAmount();
        _open(orderId, seller, arbitrator, address(0), msg.value);
    }

    function createTokenPayment(bytes32 orderId, address seller, address arbitrator, IERC20 token, uint256 amount)
        external payable nonReentrant
    {
        if (msg.value != 0) revert UnexpectedNativeValue();
        if (amount == 0) revert ZeroAmount();
        if (address(token) == address(0)) revert InvalidParty();
        _open(orderId, seller, arbitrator, address(token), amount);
        // Measured by balance so that a fee-on-transfer token cannot leave the escrow under-funded.
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert TokenAmountMismatch(received, amount);
    }

    function markShipped(bytes32 orderId) external {
        Payment storage p = _existing(orderId);
        if (msg.sender != p.seller) revert NotSeller();
        if (p.status != PaymentStatus.Paid) revert WrongStatus(p.status);
        p.status = PaymentStatus.Shipped;
        emit PaymentShipped(orderId);
    }

    function confirmDelivery(bytes32 orderId) external nonReentrant {
        Payment storage p = _existing(orderId);
        if (msg.sender != p.buyer) revert NotBuyer();
        if (p.status != PaymentStatus.Paid && p.status != PaymentStatus.Shipped) revert WrongStatus(p.status);
        p.status = PaymentStatus.Confirmed;
        emit DeliveryConfirmed(orderId, p.amount);
        _pay(p.token, p.seller, p.amount);
    }

    function raiseDispute(bytes32 orderId, string calldata reason) external {
        Payment storage p = _existing(orderId);
        if (msg.sender != p.buyer && msg.sender != p.seller) revert NotParty();
        if (p.status != PaymentStatus.Paid && p.status != PaymentStatus.Shipped) revert WrongStatus(p.status);
        p.status = PaymentStatus.Disputed;
        emit DisputeRaised(orderId, msg.sender, reason);
    }

    function arbitrate(bytes32 orderId, uint256 buyerShare, uint256 sellerShare) external nonReentrant {
        Payment storage p = _existing(orderId);
        if (msg.sender != p.arbitrator) revert NotArbitrator();
        if (p.status != PaymentStatus.Disputed) revert WrongStatus(p.status);
        if (buyerShare + sellerShare != p.amount) revert SharesDoNotAddUp(buyerShare, sellerShare, p.amount);
        p.status = PaymentStatus.Arbitrated;
        emit DisputeArbitrated(orderId, buyerShare, sellerShare);
        if (buyerShare > 0) _pay(p.token, p.buyer, buyerShare);
        if (sellerShare > 0) _pay(p.token, p.seller, sellerShare);
    }

    function refundAfterTimeout(bytes32 orderId) external nonReentrant {
        Payment storage p = _existing(orderId);
        if (msg.sender != p.buyer) revert NotBuyer();
        if (p.status != PaymentStatus.Paid) revert WrongStatus(p.status);
        uint256 refundableFrom = p.createTime + refundTimeout;
        if (block.timestamp < refundableFrom) revert RefundTimeoutNotReached(refundableFrom);
        p.status = PaymentStatus.Refunded;
        emit PaymentRefunded(orderId, p.amount);
        _pay(p.token, p.buyer, p.amount);
    }

    function getPayment(bytes32 orderId) external view returns (Payment memory) {
        return payments[orderId];
    }

    function _open(bytes32 orderId, address seller, address arbitrator, address token, uint256 amount) private {
        if (payments[orderId].status != PaymentStatus.None) revert OrderAlreadyExists(orderId);
        if (seller == address(0) || arbitrator == address(0) || seller == msg.sender
            || arbitrator == msg.sender || arbitrator == seller) revert InvalidParty();
        payments[orderId] = Payment(msg.sender, seller, arbitrator, token, amount, block.timestamp, PaymentStatus.Paid);
        emit PaymentCreated(orderId, msg.sender, seller, arbitrator, token, amount);
    }

    function _existing(bytes32 orderId) private view returns (Payment storage p) {
        p = payments[orderId];
        if (p.status == PaymentStatus.None) revert UnknownOrder(orderId);
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            (bool ok, ) = payable(to).call{value: amount}("");
            if (!ok) revert NativeTransferFailed(to);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }
}
