/**
 * Official day-off / make-up workday schedules that `date-holidays` does not model.
 *
 * Why this file exists: for TW and CN the `date-holidays` package (3.x) lists only the statutory
 * dates. Checked for 2026: it has no make-up workdays at all (CN 补班 / 调休上班, TW 補行上班), no
 * "moved" days off (CN 2026 Golden Week is Oct 1–7, the package has Oct 1–3), and it predates
 * both 2025 reforms (CN: 除夕 and May 2 became statutory; TW: 教師節, 光復節, 行憲紀念日 and
 * Saturday→Friday 補假 for all holidays). For the years below the official announcement replaces
 * the package for that region entirely. Other years fall back to the package (see calendar.ts)
 * and a team adds the announced dates under `customHolidays` / `makeUpWorkdays`.
 *
 * Ranges are inclusive and may include weekend days (harmless: a weekend is closed anyway).
 *
 * Sources (read 2026-11; data restated, not copied):
 * - CN 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12).
 * - CN 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, Xinhua).
 * - TW 2025: 行政院 113-06-27 院授人培字第1133024943號 (114年辦公日曆表) as amended by
 *   114-06-13 院授人培字第11430248311號 (adds 9/28→9/29, 10/25→10/24, 12/25). Labour Day (5/1)
 *   added: a day off for private-sector staff under the Labor Standards Act, which is who runs a
 *   partner helpdesk.
 * - TW 2026: 115年政府行政機關辦公日曆表 (行政院 2025-06; 120 days off, no make-up workdays).
 */
export interface OfficialSchedule {
  /** Inclusive YYYY-MM-DD ranges that are not workdays. */
  daysOff: ReadonlyArray<readonly [string, string]>;
  /** Weekend dates that are workdays (the normal weekday hours apply). */
  makeUpWorkdays: readonly string[];
}

export const officialSchedules: Readonly<Record<string, Readonly<Record<number, OfficialSchedule>>>> = {
  CN: {
    2025: {
      daysOff: [
        ['2025-01-01', '2025-01-01'],
        ['2025-01-28', '2025-02-04'],
        ['2025-04-04', '2025-04-06'],
        ['2025-05-01', '2025-05-05'],
        ['2025-05-31', '2025-06-02'],
        ['2025-10-01', '2025-10-08'],
      ],
      makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    2026: {
      daysOff: [
        ['2026-01-01', '2026-01-03'],
        ['2026-02-15', '2026-02-23'],
        ['2026-04-04', '2026-04-06'],
        ['2026-05-01', '2026-05-05'],
        ['2026-06-19', '2026-06-21'],
        ['2026-09-25', '2026-09-27'],
        ['2026-10-01', '2026-10-07'],
      ],
      makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
  },
  TW: {
    2025: {
      daysOff: [
        ['2025-01-01', '2025-01-01'],
        ['2025-01-25', '2025-02-02'],
        ['2025-02-28', '2025-03-02'],
        ['2025-04-03', '2025-04-06'],
        ['2025-05-01', '2025-05-01'],
        ['2025-05-30', '2025-06-01'],
        ['2025-09-27', '2025-09-29'],
        ['2025-10-04', '2025-10-06'],
        ['2025-10-10', '2025-10-12'],
        ['2025-10-24', '2025-10-26'],
        ['2025-12-25', '2025-12-25'],
      ],
      makeUpWorkdays: ['2025-02-08'],
    },
    2026: {
      daysOff: [
        ['2026-01-01', '2026-01-01'],
        ['2026-02-14', '2026-02-22'],
        ['2026-02-27', '2026-03-01'],
        ['2026-04-03', '2026-04-06'],
        ['2026-05-01', '2026-05-03'],
        ['2026-06-19', '2026-06-21'],
        ['2026-09-25', '2026-09-28'],
        ['2026-10-09', '2026-10-11'],
        ['2026-10-24', '2026-10-26'],
        ['2026-12-25', '2026-12-27'],
      ],
      makeUpWorkdays: [],
    },
  },
};
