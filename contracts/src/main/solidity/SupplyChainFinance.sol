// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// Receivables as ERC-721 tokens: a supplier tokenises an invoice owed by a buyer, asks for early
/// financing, a financier pays the supplier in stablecoin and takes the token; the buyer repays the
/// face amount to whoever holds the token on or before the due date, after which the holder can
/// declare a default.
contract SupplyChainFinance is ERC721, ReentrancyGuard {
    using SafeERC20 for IERC20;

    enum ReceivableStatus { None, Issued, FinancingRequested, Funded, Repaid, Defaulted }

    struct Receivable {
        uint256 invoiceId;
        uint256 amount;
        uint256 dueDate;
        address supplier;
        address buyer;
        uint256 financingAmount;
        address financier;
        ReceivableStatus status;
    }

    IERC20 public immutable stablecoin;
    uint256 public nextTokenId = 1;
    mapping(uint256 => Receivable) private receivables;
    mapping(address => mapping(uint256 => bool)) private invoiceUsed;

    event ReceivableTokenized(uint256 indexed tokenId, uint256 indexed invoiceId, address indexed supplier,
        address buyer, uint256 amount, uint256 dueDate);
    event FinancingRequested(uint256 indexed tokenId, uint256 financingAmount);
    event ReceivableFunded(uint256 indexed tokenId, address indexed financier, uint256 financingAmount);
    event ReceivableRepaid(uint256 indexed tokenId, address indexed paidTo, uint256 amount);
    event ReceivableDefaulted(uint256 indexed tokenId, address indexed holder);
    event FinancingCancelled(uint256 indexed tokenId);

    error NotSupplier();
    error NotHolder();
    error NotDebtor();
    error InvalidReceivable();
    error InvoiceAlreadyTokenized(uint256 invoiceId);
    error UnknownReceivable(uint256 tokenId);
    error WrongStatus(ReceivableStatus current);
    error InvalidFinancingAmount(uint256 requested, uint256 faceAmount);
    error PastDueDate(uint256 dueDate);
    error NotYetDue(uint256 dueDate);

    constructor(IERC20 stablecoin_) ERC721("Tokenised Receivable", "RCV") {
        stablecoin = stablecoin_;
    }

    function tokenizeReceivable(uint256 invoiceId, uint256 amount, uint256 dueDate, address supplier, address buyer)
        external returns (uint256 tokenId)
    {
        // Only the supplier may put its own invoice on chain; anyone else would be minting a claim it does not own.
        if (msg.sender != supplier) revert NotSupplier();
        if (amount == 0 || buyer == address(0) || buyer == supplier || dueDate <= block.timestamp) {
            revert InvalidReceivable();
        }
        if (invoiceUsed[supplier][invoiceId]) revert InvoiceAlreadyTokenized(invoiceId);
        invoiceUsed[supplier][invoiceId] = true;
        tokenId = nextTokenId++;
        receivables[tokenId] = Receivable(invoiceId, amount, dueDate, supplier, buyer, 0, address(0),
            ReceivableStatus.Issued);
        _safeMint(supplier, tokenId);
        emit ReceivableTokenized(tokenId, invoiceId, supplier, buyer, amount, dueDate);
    }

    function applyForFinancing(uint256 tokenId, uint256 financingAmount) external {
        Receivable storage r = _existing(tokenId);
        if (msg.sender != r.supplier) revert NotSupplier();
        if (r.status != ReceivableStatus.Issued) revert WrongStatus(r.status);
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
        r.status = ReceivableStatus.Issued;
        _transfer(address(this), r.supplier, tokenId);
        emit FinancingCancelled(tokenId);
    }

    function fund(uint256 tokenId) external nonReentrant {
        Receivable storage r = _existing(tokenId);
        if (r.status != ReceivableStatus.FinancingRequested) revert WrongStatus(r.status);
        if (block.timestamp > r.dueDate) revert PastDueDate(r.dueDate);
        address supplier = r.supplier;
        if (msg.sender == supplier || msg.sender == r.buyer) revert InvalidReceivable();
        r.financier = msg.sender;
        r.status = ReceivableStatus.Funded;
        _transfer(address(this), msg.sender, tokenId);
        emit ReceivableFunded(tokenId, msg.sender, r.financingAmount);
        stablecoin.safeTransferFrom(msg.sender, supplier, r.financingAmount);
    }

    function repay(uint256 tokenId) external nonReentrant {
        Receivable storage r = _existing(tokenId);
        if (msg.sender != r.buyer) revert NotDebtor();
        if (r.status != ReceivableStatus.Issued && r.status != ReceivableStatus.FinancingRequested
            && r.status != ReceivableStatus.Funded) revert WrongStatus(r.status);
        if (block.timestamp > r.dueDate) revert PastDueDate(r.dueDate);
        address holder = ownerOf(tokenId);
        if (r.status == ReceivableStatus.FinancingRequested) {
            // Repaid while still waiting for a financier: the request lapses and the supplier gets token and money.
            holder = r.supplier;
            _transfer(address(this), holder, tokenId);
        }
        r.status = ReceivableStatus.Repaid;
        emit ReceivableRepaid(tokenId, holder, r.amount);
        stablecoin.safeTransferFrom(msg.sender, holder, r.amount);
    }

    function markDefaulted(uint256 tokenId) external {
        Receivable storage r = _existing(tokenId);
        if (ownerOf(tokenId) != msg.sender) revert NotHolder();
        if (r.status != ReceivableStatus.Funded) revert WrongStatus(r.status);
        if (block.timestamp <= r.dueDate) revert NotYetDue(r.dueDate);
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
}
