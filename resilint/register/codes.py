"""The closed lists of the register (the EBA DORA 4.0 taxonomy's members, as the ESAs' "list of
possible values" names them) and how resilint's own words map onto them. A closed-list cell is
written as a QName, ``eba_GA:DE``, never as a label or a bare code."""

from __future__ import annotations

from resilint.load.shared import shared_text

NOT_APPLICABLE_COUNTRY = "eba_GA:qx2007"
"""Not applicable: allowed only in the key columns B_02.02.0130, 0150 and 0160."""
OTHER_COUNTRY = "x28"
OTHER_CURRENCY = "x46"

ENTITY_TYPES = {
    "credit_institution": "eba_CT:x12",
    "payment_institution": "eba_CT:x300",
    "account_information_service_provider": "eba_CT:x301",
    "electronic_money_institution": "eba_CT:x302",
    "investment_firm": "eba_CT:x599",
    "crypto_asset_service_provider": "eba_CT:x303",
    "issuer_of_asset_referenced_tokens": "eba_CT:x310",
    "central_securities_depository": "eba_CT:x304",
    "central_counterparty": "eba_CT:x643",
    "trading_venue": "eba_CT:x305",
    "trade_repository": "eba_CT:x306",
    "alternative_investment_fund_manager": "eba_CT:x307",
    "management_company": "eba_CT:x639",
    "data_reporting_service_provider": "eba_CT:x308",
    "insurance_undertaking": "eba_CT:x309",
    "insurance_intermediary": "eba_CT:x320",
    "occupational_retirement_institution": "eba_CT:x311",
    "credit_rating_agency": "eba_CT:x312",
    "critical_benchmark_administrator": "eba_CT:x313",
    "crowdfunding_service_provider": "eba_CT:x314",
    "securitisation_repository": "eba_CT:x315",
    "other_financial_entity": "eba_CT:x316",
    "non_financial_ict_intra_group": "eba_CT:x317",
    "non_financial_other": "eba_CT:x318",
}
HIERARCHY = {
    "ultimate_parent": "eba_RP:x53",
    "parent": "eba_RP:x551",
    "subsidiary": "eba_RP:x56",
    "not_in_group": "eba_RP:x21",
    "outsourcing": "eba_RP:x210",
}
ARRANGEMENT_TYPES = {
    "standalone": "eba_CO:x1",
    "overarching": "eba_CO:x2",
    "subsequent": "eba_CO:x3",
}
TERMINATION_REASONS = {
    "not_renewed": "eba_CO:x4",
    "provider_breach": "eba_CO:x5",
    "function_impediments": "eba_CO:x6",
    "data_security_weaknesses": "eba_CO:x7",
    "authority_request": "eba_CO:x8",
    "other": "eba_CO:x9",
}
ID_TYPES = {
    "LEI": "eba_qCO:qx2000",
    "NIN": "eba_qCO:qx2001",
    "EUID": "eba_qCO:qx2002",
    "CRN": "eba_qCO:qx2003",
    "VAT": "eba_qCO:qx2004",
    "PNR": "eba_qCO:qx2005",
}
"""NIN (national identity number) is the taxonomy's qx2001 "National code" (labels; a French
exporter maps it so too)."""
PERSON_TYPES = {"legal_person": "eba_CT:x212", "natural_person": "eba_CT:x213"}
YES_NO = {True: "eba_BT:x28", False: "eba_BT:x29"}
YES_NO_NOT_ASSESSED = {"yes": "eba_BT:x28", "no": "eba_BT:x29", "not_assessed": "eba_BT:x21"}
SENSITIVENESS = {"low": "eba_ZZ:x791", "medium": "eba_ZZ:x792", "high": "eba_ZZ:x793"}
IMPACT = {**SENSITIVENESS, "not_assessed": "eba_ZZ:x799"}
RELIANCE = {
    "not_significant": "eba_ZZ:x794",
    "low": "eba_ZZ:x795",
    "material": "eba_ZZ:x796",
    "full": "eba_ZZ:x797",
}
SUBSTITUTABILITY = {
    "not_substitutable": "eba_ZZ:x959",
    "highly_complex": "eba_ZZ:x960",
    "medium_complexity": "eba_ZZ:x961",
    "easily_substitutable": "eba_ZZ:x962",
}
NOT_SUBSTITUTABLE_REASONS = {
    "lack_of_alternatives": "eba_ZZ:x963",
    "difficult_migration": "eba_ZZ:x964",
    "both": "eba_ZZ:x965",
}
REINTEGRATION = {
    "easy": "eba_ZZ:x798",
    "difficult": "eba_ZZ:x966",
    "highly_complex": "eba_ZZ:x967",
    "not_applicable": "eba_ZZ:x0",
}
NATURE = {True: "eba_ZZ:x838", False: "eba_ZZ:x839"}
"""B_04.01.0030: a branch of a financial entity, or not a branch."""
SERVICE_TYPES = {f"S{n:02d}": f"eba_TA:S{n:02d}" for n in range(1, 20)}

COUNTRIES = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS XK YE YT ZA ZM ZW""".split()  # noqa: SIM905
)
"""eba_GA: the ISO 3166-1 alpha-2 codes and XK (Kosovo); GR, never EL; GB, never UK. (The list
also has x28, other countries, which no resilint field writes.)"""

CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BYR BZD CAD CDF CHE CHF CHW CLF CLP CNH CNY COP COU CRC CUC CUP CVE CZK DJF
    DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF
    IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD
    LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRO MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK
    NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP
    SLL SOS SRD SSP STD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYI UYU
    UZS VEF VND VUV WST XCD XPF YER ZAR ZMK ZMW ZWL""".split()  # noqa: SIM905
)
"""eba_CU: ISO 4217 codes as the taxonomy lists them, legacy ones included (and x46, other
currency, which no resilint field writes)."""

LICENSED_ACTIVITIES = frozenset(
    [f"x{n}" for n in (28, 104, 133, 134, *range(136, 142), 143, 144, 146, 147)]
    + [f"x{n}" for n in range(162, 176 + 1)]
    + [f"x{n}" for n in range(177, 276 + 1)]
    + ["qx277", "qx278"]
)
"""eba_TA members of B_06.01.0020 (131): x28 payment services; x104 and x133 to x147 investment
and banking activities; x162 to x276 the licensed activities of each type of financial entity
(x276: a supporting function); qx277 non-life and qx278 life reinsurance."""


def country(code: str) -> str:
    return shared_text(f"eba_GA:{code}")  # one object for every row naming it


def currency(code: str) -> str:
    return shared_text(f"eba_CU:{code}")  # one object for every row naming it


def activity(code: str) -> str:
    return shared_text(f"eba_TA:{code}")  # one object for every row naming it
