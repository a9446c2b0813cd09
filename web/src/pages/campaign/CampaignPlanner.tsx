export function CampaignPlanner() { return <p>CampaignPlanner</p>; }
