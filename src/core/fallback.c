#include "config.h"

#include "fallback.h"

const struct sp_fallback_line sp_fallback_lines[] = {
	{ "emergency-999", "999", "999", "24/7", "fallback_999" },
	{ "national-da-helpline", "National Domestic Abuse Helpline", "0808 2000 247", "24/7",
	  "fallback_everyone" },
	{ "mens-advice-line", "Men's Advice Line", "0808 801 0327",
	  "Mon,Wed 09:00-20:00; Tue,Thu,Fri 09:00-17:00", "reason_male" },
	{ "galop", "Galop", "0800 999 5428", "Mon-Thu 10:00-20:30; Fri 10:00-16:30",
	  "reason_lgbtq" },
	{ "hourglass", "Hourglass", "0808 808 8141", "24/7", "reason_older" },
	{ "national-stalking-helpline", "National Stalking Helpline", "0808 802 0300",
	  "Mon,Tue,Thu,Fri 09:30-16:00; Wed 13:00-16:00", "reason_stalking" },
	{ "karma-nirvana", "Karma Nirvana", "0800 5999 247",
	  "Mon-Fri 09:00-21:00; Sat,Sun 10:00-16:00", "reason_honour" },
	{ "respect-phoneline", "Respect Phoneline", "0808 802 4040", NULL, "reason_perpetrator" },
	{ "childline", "Childline", "0800 1111", "24/7", "fallback_children" },
};

const size_t sp_fallback_count = sizeof sp_fallback_lines / sizeof sp_fallback_lines[0];
