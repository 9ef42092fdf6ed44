const t=performance.now(); await import('@aws-sdk/client-dynamodb'); const t1=performance.now(); await import('@aws-sdk/lib-dynamodb'); const t2=performance.now();
console.log('client', (t1-t).toFixed(0), 'lib', (t2-t1).toFixed(0));
