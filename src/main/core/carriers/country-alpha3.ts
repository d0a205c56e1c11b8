/** ISO 3166-1 alpha-2 to alpha-3 for the countries a European or Chinese seller ships to; DHL wants alpha-3. */
const PAIRS =
  'AD AND AE ARE AL ALB AM ARM AR ARG AT AUT AU AUS AZ AZE BA BIH BE BEL BG BGR BH BHR BR BRA BY BLR CA CAN ' +
  'CH CHE CL CHL CN CHN CO COL CY CYP CZ CZE DE DEU DK DNK DZ DZA EE EST EG EGY ES ESP FI FIN FO FRO FR FRA ' +
  'GB GBR GE GEO GI GIB GL GRL GR GRC HK HKG HR HRV HU HUN ID IDN IE IRL IL ISR IN IND IS ISL IT ITA JP JPN ' +
  'KR KOR KW KWT KZ KAZ LI LIE LT LTU LU LUX LV LVA MA MAR MC MCO MD MDA ME MNE MK MKD MO MAC MT MLT MX MEX ' +
  'MY MYS NG NGA NL NLD NO NOR NZ NZL PE PER PH PHL PK PAK PL POL PT PRT QA QAT RO ROU RS SRB SA SAU SE SWE ' +
  'SG SGP SI SVN SK SVK SM SMR TH THA TN TUN TR TUR TW TWN UA UKR US USA UY URY VA VAT VN VNM ZA ZAF';

const ALPHA3: ReadonlyMap<string, string> = new Map(
  PAIRS.split(' ').flatMap((code, i, all) => (i % 2 === 0 ? [[code, all[i + 1]!] as const] : [])),
);

export function alpha3(alpha2: string): string | undefined {
  return ALPHA3.get(alpha2.trim().toUpperCase());
}
