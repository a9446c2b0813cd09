export function StrategyOverview() { return <p>StrategyOverview</p>; }
