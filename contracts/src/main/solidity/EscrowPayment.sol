// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// Holds a buyer's payment (native coin or an ERC-20 stablecoin) until the buyer confirms delivery,
/// an arbitrator from the owner's registry splits it after a dispute (or, when the arbitrator lets the
/// dispute deadline pass, a fixed fallback settles it), or the buyer takes it back when the seller never
/// shipped within the refund timeout. Payments are keyed by (buyer, order id), so nobody can take an order
/// id another buyer is about to use. Settlements credit the parties, who withdraw (pull) their credit: a
/// recipient that rejects the coin or is blocked by the token issuer cannot stop a settlement.
contract EscrowPayment is ReentrancyGuard, Ownable2Step {
    using SafeERC20 for IERC20;

    enum PaymentStatus { None, Paid, Shipped, Confirmed, Disputed, Refunded, Arbitrated, DisputeExpired, Released }

    struct Payment {
        address buyer;
        address seller;
        address arbitrator;
        address token; // address(0) means the chain's native coin
        uint256 amount;
        uint256 createTime;
        uint256 shippedTime; // 0 while not shipped
        uint256 disputeTime; // 0 while not disputed
        PaymentStatus status;
    }

    uint256 public constant MIN_TIMEOUT = 1 hours;
    uint256 public constant MAX_TIMEOUT = 365 days;

    /// Seconds after creation from which an unshipped payment may be refunded to the buyer; the seller must
    /// mark it shipped before then.
    uint256 public immutable refundTimeout;
    /// Seconds after a dispute is raised within which the arbitrator must decide; after that the fallback applies.
    uint256 public immutable disputeTimeout;
    /// Seconds after shipment within which the buyer must confirm or dispute; afterwards the payment may be released
    /// to the seller, so a buyer that disappears after delivery cannot keep the seller's money locked.
    uint256 public immutable deliveryTimeout;

    mapping(address => bool) public isArbitrator;

    mapping(bytes32 => Payment) private payments;
    /// Settled amounts not yet withdrawn: token (address(0) for the native coin) => account => base units.
    mapping(address => mapping(address => uint256)) public withdrawable;

    event PaymentCreated(address indexed buyer, bytes32 indexed orderId, address indexed seller,
        address arbitrator, address token, uint256 amount);
    event PaymentShipped(address indexed buyer, bytes32 indexed orderId);
    event DeliveryConfirmed(address indexed buyer, bytes32 indexed orderId, uint256 paidToSeller);
    event DisputeRaised(address indexed buyer, bytes32 indexed orderId, address indexed raisedBy, string reason);
    event DisputeArbitrated(address indexed buyer, bytes32 indexed orderId, uint256 buyerShare, uint256 sellerShare);
    event PaymentRefunded(address indexed buyer, bytes32 indexed orderId, uint256 amount);
    event DisputeExpired(address indexed buyer, bytes32 indexed orderId, uint256 buyerShare, uint256 sellerShare);
    event PaymentReleased(address indexed buyer, bytes32 indexed orderId, uint256 paidToSeller);
    event PayoutCredited(address indexed account, address indexed token, uint256 amount);
    event Withdrawn(address indexed account, address indexed token, address to, uint256 amount);
    event ArbitratorRegistered(address indexed arbitrator);
    event ArbitratorRemoved(address indexed arbitrator);

    error OrderAlreadyExists(address buyer, bytes32 orderId);
    error UnknownOrder(address buyer, bytes32 orderId);
    error NothingToWithdraw();
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
    error InvalidTimeout(uint256 given, uint256 min, uint256 max);
    error ArbitratorNotRegistered(address arbitrator);
    error ShippingDeadlinePassed(uint256 deadline);
    error DisputeDeadlineNotReached(uint256 deadline);
    error DisputeDeadlinePassed(uint256 deadline);
    error DeliveryWindowOpen(uint256 releasableFrom);
    error DeliveryWindowClosed(uint256 closedAt);

    constructor(address initialOwner, uint256 refundTimeoutSeconds, uint256 deliveryTimeoutSeconds,
        uint256 disputeTimeoutSeconds) Ownable(initialOwner)
    {
        // Zero would let a buyer refund at once; an unbounded value would overflow the deadline arithmetic and lock
        // every payment.
        _checkTimeout(refundTimeoutSeconds);
        _checkTimeout(deliveryTimeoutSeconds);
        _checkTimeout(disputeTimeoutSeconds);
        deliveryTimeout = deliveryTimeoutSeconds;
        refundTimeout = refundTimeoutSeconds;
        disputeTimeout = disputeTimeoutSeconds;
    }

    /// Arbitrators are vetted by the operator, so neither party can name an address it controls.
    function registerArbitrator(address arbitrator) external onlyOwner {
        if (arbitrator == address(0)) revert InvalidParty();
        isArbitrator[arbitrator] = true;
        emit ArbitratorRegistered(arbitrator);
    }

    /// A removed arbitrator can no longer decide its open disputes; they run into the fallback at their deadline.
    function removeArbitrator(address arbitrator) external onlyOwner {
        isArbitrator[arbitrator] = false;
        emit ArbitratorRemoved(arbitrator);
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

    function markShipped(address buyer, bytes32 orderId) external {
        Payment storage p = _existing(buyer, orderId);
        if (msg.sender != p.seller) revert NotSeller();
        if (p.status != PaymentStatus.Paid) revert WrongStatus(p.status);
        // After the refund timeout the buyer may take the money back; shipping now would take that right away.
        uint256 deadline = p.createTime + refundTimeout;
        if (block.timestamp >= deadline) revert ShippingDeadlinePassed(deadline);
        p.shippedTime = block.timestamp;
        p.status = PaymentStatus.Shipped;
        emit PaymentShipped(buyer, orderId);
    }

    function confirmDelivery(address buyer, bytes32 orderId) external {
        Payment storage p = _existing(buyer, orderId);
        if (msg.sender != buyer) revert NotBuyer();
        if (p.status != PaymentStatus.Paid && p.status != PaymentStatus.Shipped) revert WrongStatus(p.status);
        p.status = PaymentStatus.Confirmed;
        emit DeliveryConfirmed(buyer, orderId, p.amount);
        _credit(p.token, p.seller, p.amount);
    }

    function raiseDispute(address buyer, bytes32 orderId, string calldata reason) external {
        Payment storage p = _existing(buyer, orderId);
        if (msg.sender != p.buyer && msg.sender != p.seller) revert NotParty();
        if (p.status != PaymentStatus.Paid && p.status != PaymentStatus.Shipped) revert WrongStatus(p.status);
        // A seller that never shipped must not stall a refund that is already due by disputing it.
        uint256 shippingDeadline = p.createTime + refundTimeout;
        if (msg.sender == p.seller && p.status == PaymentStatus.Paid && block.timestamp >= shippingDeadline) {
            revert ShippingDeadlinePassed(shippingDeadline);
        }
        // Once the delivery window has closed the payment belongs to the seller; a dispute would only delay it.
        if (p.status == PaymentStatus.Shipped && block.timestamp >= p.shippedTime + deliveryTimeout) {
            revert DeliveryWindowClosed(p.shippedTime + deliveryTimeout);
        }
        p.disputeTime = block.timestamp;
        p.status = PaymentStatus.Disputed;
        emit DisputeRaised(buyer, orderId, msg.sender, reason);
    }

    function arbitrate(address buyer, bytes32 orderId, uint256 buyerShare, uint256 sellerShare) external {
        Payment storage p = _existing(buyer, orderId);
        if (msg.sender != p.arbitrator || !isArbitrator[msg.sender]) revert NotArbitrator();
        if (p.status != PaymentStatus.Disputed) revert WrongStatus(p.status);
        uint256 deadline = p.disputeTime + disputeTimeout;
        if (block.timestamp >= deadline) revert DisputeDeadlinePassed(deadline);
        if (buyerShare + sellerShare != p.amount) revert SharesDoNotAddUp(buyerShare, sellerShare, p.amount);
        p.status = PaymentStatus.Arbitrated;
        emit DisputeArbitrated(buyer, orderId, buyerShare, sellerShare);
        _credit(p.token, p.buyer, buyerShare);
        _credit(p.token, p.seller, sellerShare);
    }

    /// Fallback once the arbitrator let the dispute deadline pass; anyone may trigger it because its outcome is fixed:
    /// a payment that was never shipped goes back to the buyer, a shipped one is split in half (the odd base unit to
    /// the seller), so neither side gains from an arbitrator that disappears.
    function resolveExpiredDispute(address buyer, bytes32 orderId) external {
        Payment storage p = _existing(buyer, orderId);
        if (p.status != PaymentStatus.Disputed) revert WrongStatus(p.status);
        uint256 deadline = p.disputeTime + disputeTimeout;
        if (block.timestamp < deadline) revert DisputeDeadlineNotReached(deadline);
        uint256 buyerShare = p.shippedTime == 0 ? p.amount : p.amount / 2;
        uint256 sellerShare = p.amount - buyerShare;
        p.status = PaymentStatus.DisputeExpired;
        emit DisputeExpired(buyer, orderId, buyerShare, sellerShare);
        _credit(p.token, p.buyer, buyerShare);
        _credit(p.token, p.seller, sellerShare);
    }

    /// Pays a shipped order to the seller when the buyer neither confirmed nor disputed within the delivery window.
    /// Anyone may trigger it: the outcome is fixed.
    function releaseAfterTimeout(address buyer, bytes32 orderId) external {
        Payment storage p = _existing(buyer, orderId);
        if (p.status != PaymentStatus.Shipped) revert WrongStatus(p.status);
        uint256 releasableFrom = p.shippedTime + deliveryTimeout;
        if (block.timestamp < releasableFrom) revert DeliveryWindowOpen(releasableFrom);
        p.status = PaymentStatus.Released;
        emit PaymentReleased(buyer, orderId, p.amount);
        _credit(p.token, p.seller, p.amount);
    }

    function refundAfterTimeout(address buyer, bytes32 orderId) external {
        Payment storage p = _existing(buyer, orderId);
        if (msg.sender != buyer) revert NotBuyer();
        if (p.status != PaymentStatus.Paid) revert WrongStatus(p.status);
        uint256 refundableFrom = p.createTime + refundTimeout;
        if (block.timestamp < refundableFrom) revert RefundTimeoutNotReached(refundableFrom);
        p.status = PaymentStatus.Refunded;
        emit PaymentRefunded(buyer, orderId, p.amount);
        _credit(p.token, p.buyer, p.amount);
    }

    /// Pays the caller's whole credit in one token (address(0): the native coin) to `to`, which may differ from the
    /// caller so that an account the token issuer blocks, or a contract that rejects the coin, can still be paid out.
    function withdraw(address token, address to) external nonReentrant {
        if (to == address(0)) revert InvalidParty();
        uint256 amount = withdrawable[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        withdrawable[token][msg.sender] = 0;
        emit Withdrawn(msg.sender, token, to, amount);
        if (token == address(0)) {
            (bool ok, ) = payable(to).call{value: amount}("");
            if (!ok) revert NativeTransferFailed(to);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    function getPayment(address buyer, bytes32 orderId) external view returns (Payment memory) {
        return payments[paymentKey(buyer, orderId)];
    }

    function paymentKey(address buyer, bytes32 orderId) public pure returns (bytes32) {
        return keccak256(abi.encode(buyer, orderId));
    }

    function _open(bytes32 orderId, address seller, address arbitrator, address token, uint256 amount) private {
        bytes32 key = paymentKey(msg.sender, orderId);
        if (payments[key].status != PaymentStatus.None) revert OrderAlreadyExists(msg.sender, orderId);
        if (seller == address(0) || arbitrator == address(0) || seller == msg.sender
            || arbitrator == msg.sender || arbitrator == seller) revert InvalidParty();
        if (!isArbitrator[arbitrator]) revert ArbitratorNotRegistered(arbitrator);
        payments[key] = Payment(msg.sender, seller, arbitrator, token, amount, block.timestamp, 0, 0,
            PaymentStatus.Paid);
        emit PaymentCreated(msg.sender, orderId, seller, arbitrator, token, amount);
    }

    function _existing(address buyer, bytes32 orderId) private view returns (Payment storage p) {
        p = payments[paymentKey(buyer, orderId)];
        if (p.status == PaymentStatus.None) revert UnknownOrder(buyer, orderId);
    }

    function _checkTimeout(uint256 seconds_) private pure {
        if (seconds_ < MIN_TIMEOUT || seconds_ > MAX_TIMEOUT) revert InvalidTimeout(seconds_, MIN_TIMEOUT, MAX_TIMEOUT);
    }

    function _credit(address token, address account, uint256 amount) private {
        if (amount == 0) return;
        withdrawable[token][account] += amount;
        emit PayoutCredited(account, token, amount);
    }
}
