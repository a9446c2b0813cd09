export function StrategyList() { return <p>StrategyList</p>; }
