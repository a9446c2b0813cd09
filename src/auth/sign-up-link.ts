/** How long a mailed sign-up link works. Pure: the web app shows it on its "check your inbox" page. */
export const SIGNUP_LINK_TTL_HOURS = 24;
