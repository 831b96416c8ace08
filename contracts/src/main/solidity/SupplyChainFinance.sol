// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// Receivables as ERC-721 tokens. A supplier tokenises an invoice (identified by a globally unique hash) owed by a
/// buyer; the buyer acknowledges the debt; only then may the supplier ask for early financing, which puts the token
/// into this contract until a financier pays the advance and takes it (or the supplier cancels). The buyer repays the
/// face amount, on time or late with a fixed late fee, into this contract, which credits whoever holds the token; the
/// holder withdraws it (so a holder the stablecoin issuer blocks cannot make the repayment fail). Once the grace
/// period after the due date has passed the holder may record a default, after which a late repayment still settles
/// the debt.
///
/// "Automatic repayment" is the custody system calling repay(tokenId) from the buyer's custody wallet on the due
/// date, under the buyer's approval policy; the wallet needs a stablecoin allowance of repaymentDue(tokenId).
contract SupplyChainFinance is ERC721, ReentrancyGuard {
    using SafeERC20 for IERC20;

    enum ReceivableStatus { None, Issued, Acknowledged, FinancingRequested, Funded, Repaid, Defaulted }

    struct Receivable {
        bytes32 invoiceHash;
        uint256 amount;
        uint256 dueDate;
        address supplier;
        address buyer;
        uint256 financingAmount;
        address financier;
        uint256 repaidAmount;
        ReceivableStatus status;
    }

    uint256 public constant MAX_GRACE_PERIOD = 180 days;
    uint256 public constant MAX_LATE_FEE_BPS = 5_000;

    IERC20 public immutable stablecoin;
    /// Seconds after the due date during which a late repayment is expected and no default may be recorded.
    uint256 public immutable gracePeriod;
    /// Late fee on the face amount, in basis points, owed by a buyer that repays after the due date.
    uint256 public immutable lateFeeBps;
    uint256 public nextTokenId = 1;
    mapping(uint256 => Receivable) private receivables;
    /// Invoice hash => the token it was tokenised as; an invoice is tokenised (and so financed) at most once.
    mapping(bytes32 => uint256) public tokenOfInvoice;
    /// Repayments credited to the holders of repaid receivables and not yet withdrawn, in stablecoin base units.
    mapping(address => uint256) public withdrawable;

    event ReceivableTokenized(uint256 indexed tokenId, bytes32 indexed invoiceHash, address indexed supplier,
        address buyer, uint256 amount, uint256 dueDate);
    event DebtAcknowledged(uint256 indexed tokenId, address indexed buyer, uint256 amount, uint256 dueDate);
    event FinancingRequested(uint256 indexed tokenId, uint256 financingAmount);
    event FinancingCancelled(uint256 indexed tokenId);
    event ReceivableFunded(uint256 indexed tokenId, address indexed financier, uint256 financingAmount);
    event ReceivableRepaid(uint256 indexed tokenId, address indexed paidTo, uint256 amount, bool late);
    event ReceivableDefaulted(uint256 indexed tokenId, address indexed holder);
    event Withdrawn(address indexed account, address to, uint256 amount);

    error NotSupplier();
    error NotHolder();
    error NotDebtor();
    error NotAcknowledged();
    error InvalidReceivable();
    error InvalidTerms();
    error InvoiceAlreadyTokenized(bytes32 invoiceHash);
    error UnknownReceivable(uint256 tokenId);
    error WrongStatus(ReceivableStatus current);
    error InvalidFinancingAmount(uint256 requested, uint256 faceAmount);
    error FinancingTermsChanged(uint256 expected, uint256 requested);
    error PastDueDate(uint256 dueDate);
    error NotYetDefaultable(uint256 defaultableFrom);
    error TokenAmountMismatch(uint256 received, uint256 expected);
    error NothingToWithdraw();

    constructor(IERC20 stablecoin_, uint256 gracePeriodSeconds, uint256 lateFeeBps_)
        ERC721("Tokenised Receivable", "RCV")
    {
        if (address(stablecoin_) == address(0) || gracePeriodSeconds > MAX_GRACE_PERIOD
            || lateFeeBps_ > MAX_LATE_FEE_BPS) revert InvalidTerms();
        stablecoin = stablecoin_;
        gracePeriod = gracePeriodSeconds;
        lateFeeBps = lateFeeBps_;
    }

    /// The caller is the supplier: only it may put its own invoice on chain.
    function tokenizeReceivable(bytes32 invoiceHash, uint256 amount, uint256 dueDate, address buyer)
        external returns (uint256 tokenId)
    {
        if (invoiceHash == bytes32(0) || amount == 0 || buyer == address(0) || buyer == msg.sender
            || dueDate <= block.timestamp) revert InvalidReceivable();
        if (tokenOfInvoice[invoiceHash] != 0) revert InvoiceAlreadyTokenized(invoiceHash);
        tokenId = nextTokenId++;
        tokenOfInvoice[invoiceHash] = tokenId;
        receivables[tokenId] = Receivable(invoiceHash, amount, dueDate, msg.sender, buyer, 0, address(0), 0,
            ReceivableStatus.Issued);
        _safeMint(msg.sender, tokenId);
        emit ReceivableTokenized(tokenId, invoiceHash, msg.sender, buyer, amount, dueDate);
    }

    /// The buyer confirms it owes the face amount on the due date; without this nobody can finance the receivable.
    function acknowledgeDebt(uint256 tokenId) external {
        Receivable storage r = _existing(tokenId);
        if (msg.sender != r.buyer) revert NotDebtor();
        if (r.status != ReceivableStatus.Issued) revert WrongStatus(r.status);
        if (block.timestamp > r.dueDate) revert PastDueDate(r.dueDate);
        r.status = ReceivableStatus.Acknowledged;
        emit DebtAcknowledged(tokenId, msg.sender, r.amount, r.dueDate);
    }

    function applyForFinancing(uint256 tokenId, uint256 financingAmount) external {
        Receivable storage r = _existing(tokenId);
        if (msg.sender != r.supplier) revert NotSupplier();
        if (r.status == ReceivableStatus.Issued) revert NotAcknowledged();
        if (r.status != ReceivableStatus.Acknowledged) revert WrongStatus(r.status);
        // A supplier that sold the token no longer owns the claim it would be financing.
        if (ownerOf(tokenId) != msg.sender) revert NotHolder();
        if (financingAmount == 0 || financingAmount > r.amount) revert InvalidFinancingAmount(financingAmount, r.amount);
        if (block.timestamp > r.dueDate) revert PastDueDate(r.dueDate);
        r.financingAmount = financingAmount;
        r.status = ReceivableStatus.FinancingRequested;
        // The token waits in this contract until funded or cancelled: the supplier can no longer sell it to someone
        // a financier would then take it from, and funding needs no approval because the owner handed it over here.
        _transfer(msg.sender, address(this), tokenId);
        emit FinancingRequested(tokenId, financingAmount);
    }

    /// Withdraws an unfunded request and returns the escrowed token to the supplier.
    function cancelFinancing(uint256 tokenId) external {
        Receivable storage r = _existing(tokenId);
        if (msg.sender != r.supplier) revert NotSupplier();
        if (r.status != ReceivableStatus.FinancingRequested) revert WrongStatus(r.status);
        r.financingAmount = 0;
        r.status = ReceivableStatus.Acknowledged;
        _transfer(address(this), r.supplier, tokenId);
        emit FinancingCancelled(tokenId);
    }

    /// The financier names the advance it agrees to pay, so a supplier cannot cancel and re-apply for more while the
    /// funding transaction is pending.
    function fund(uint256 tokenId, uint256 expectedFinancingAmount) external nonReentrant {
        Receivable storage r = _existing(tokenId);
        if (r.status != ReceivableStatus.FinancingRequested) revert WrongStatus(r.status);
        if (block.timestamp > r.dueDate) revert PastDueDate(r.dueDate);
        if (r.financingAmount != expectedFinancingAmount) {
            revert FinancingTermsChanged(expectedFinancingAmount, r.financingAmount);
        }
        address supplier = r.supplier;
        if (msg.sender == supplier || msg.sender == r.buyer) revert InvalidReceivable();
        r.financier = msg.sender;
        r.status = ReceivableStatus.Funded;
        _transfer(address(this), msg.sender, tokenId);
        emit ReceivableFunded(tokenId, msg.sender, r.financingAmount);
        _pay(msg.sender, supplier, r.financingAmount);
    }

    /// What the buyer owes now: the face amount up to the due date, the face amount plus the late fee after it.
    function repaymentDue(uint256 tokenId) public view returns (uint256) {
        Receivable storage r = _existing(tokenId);
        if (block.timestamp <= r.dueDate) return r.amount;
        return r.amount + r.amount * lateFeeBps / 10_000;
    }

    function repay(uint256 tokenId) external nonReentrant {
        Receivable storage r = _existing(tokenId);
        if (msg.sender != r.buyer) revert NotDebtor();
        ReceivableStatus s = r.status;
        if (s == ReceivableStatus.Repaid || s == ReceivableStatus.None) revert WrongStatus(s);
        uint256 due = repaymentDue(tokenId);
        address holder = ownerOf(tokenId);
        if (s == ReceivableStatus.FinancingRequested) {
            // Repaid while still waiting for a financier: the request lapses and the supplier gets token and money.
            holder = r.supplier;
            _transfer(address(this), holder, tokenId);
        }
        r.status = ReceivableStatus.Repaid;
        r.repaidAmount = due;
        withdrawable[holder] += due;
        emit ReceivableRepaid(tokenId, holder, due, block.timestamp > r.dueDate);
        _pay(msg.sender, address(this), due);
    }

    /// Pays the caller's credited repayments to `to`, which may differ from the caller.
    function withdraw(address to) external nonReentrant {
        if (to == address(0)) revert InvalidReceivable();
        uint256 amount = withdrawable[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        withdrawable[msg.sender] = 0;
        emit Withdrawn(msg.sender, to, amount);
        stablecoin.safeTransfer(to, amount);
    }

    /// Records that the buyer did not pay within the grace period. The token stays with the holder as its claim (for
    /// recourse off chain), and a later repayment still settles it.
    function markDefaulted(uint256 tokenId) external {
        Receivable storage r = _existing(tokenId);
        if (ownerOf(tokenId) != msg.sender) revert NotHolder();
        if (r.status != ReceivableStatus.Acknowledged && r.status != ReceivableStatus.Funded) {
            revert WrongStatus(r.status);
        }
        uint256 defaultableFrom = r.dueDate + gracePeriod + 1;
        if (block.timestamp < defaultableFrom) revert NotYetDefaultable(defaultableFrom);
        r.status = ReceivableStatus.Defaulted;
        emit ReceivableDefaulted(tokenId, msg.sender);
    }

    function getReceivable(uint256 tokenId) external view returns (Receivable memory) {
        return receivables[tokenId];
    }

    function _existing(uint256 tokenId) private view returns (Receivable storage r) {
        r = receivables[tokenId];
        if (r.status == ReceivableStatus.None) revert UnknownReceivable(tokenId);
    }

    /// Measured at the recipient so that a stablecoin taking a fee cannot leave the supplier or this contract short.
    function _pay(address from, address to, uint256 amount) private {
        uint256 before = stablecoin.balanceOf(to);
        stablecoin.safeTransferFrom(from, to, amount);
        uint256 received = stablecoin.balanceOf(to) - before;
        if (received != amount) revert TokenAmountMismatch(received, amount);
    }
}
