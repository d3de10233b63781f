console.log('transcript-coder');
