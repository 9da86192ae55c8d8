import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { etaModelFile } from '../predictions/eta';
import { modelCardMarkdown, predictionMetrics } from '../predictions/modelCard';
import { DEFAULT_HORIZON_DAYS, preparePredictionInput, trainPredictions, writePredictions } from '../predictions/predictions';
import { openEngine } from './openEngine';
import { readFeatureSql, readLakehouseLayer } from './readLakehouse';
import { runMain } from './runMain';

const USAGE = `usage: npm run predict -- --lakehouse DIR [--horizon DAYS]

Reads the silver and gold Parquet files of a lakehouse written by \`npm run pipeline -- --out DIR\`,
trains and evaluates the delivery-ETA and repeat-purchase models, and writes
DIR/gold/delivery_eta.parquet, DIR/gold/churn_scores.parquet, DIR/predictions.json (metrics),
DIR/model_card.md and DIR/models/{eta,churn}.json (weights and encoders, loadable again).`;



async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { lakehouse: { type: 'string' }, horizon: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) return console.log(USAGE), 0;
  if (!values.lakehouse) return console.error(USAGE), 2;
  const dir = values.lakehouse;
  const horizon = values.horizon ? Number(values.horizon) : DEFAULT_HORIZON_DAYS;
  if (!(horizon > 0)) return console.error(`--horizon must be a positive number of days\n${USAGE}`), 2;
  const engine = await openEngine('native');
  try {
    for (const layer of ['silver', 'gold']) await readLakehouseLayer(engine, dir, layer);
    const input = await preparePredictionInput(engine, await readFeatureSql(), horizon);
    const result = await trainPredictions(input, (p) => {
      if (p.epoch === p.epochs) console.error(`${p.model}: trained (${p.epochs} epochs, loss ${p.loss.toFixed(4)})`);
    });
    await writePredictions(engine, result);
    for (const table of ['delivery_eta', 'churn_scores']) {
      await writeFile(join(dir, 'gold', `${table}.parquet`), await engine.toParquet(`SELECT * FROM gold.${table}`));
    }
    const metrics = predictionMetrics(result);
    await writeFile(join(dir, 'predictions.json'), JSON.stringify(metrics, null, 2) + '\n');
    await writeFile(join(dir, 'model_card.md'), modelCardMarkdown(result));
    await mkdir(join(dir, 'models'), { recursive: true });
    const { eta, churn } = result;
    await writeFile(join(dir, 'models', 'eta.json'), JSON.stringify(etaModelFile(eta)));
    await writeFile(join(dir, 'models', 'churn.json'), JSON.stringify({ encoder: churn.encoder, model: churn.model }));
    const e = metrics.eta;
    const c = metrics.churn;
    console.log(`ETA: MAE ${e.model.mae.toFixed(2)} d (Olist estimate ${e.olistEstimate.mae.toFixed(2)}, route median ${e.routeMedian.mae.toFixed(2)})${e.beatsBaselinesOnMae ? '' : ' — does NOT beat both baselines'}`);
    console.log(`repeat purchase: ROC AUC ${(c.model.rocAuc).toFixed(3)} (RFM recency ${(c.recencyBaseline.rocAuc).toFixed(3)})${c.beatsBaselineOnRocAuc ? '' : ' — does NOT beat the baseline'}`);
    return 0;
  } finally {
    await engine.close();
  }
}

runMain(main);
